"""Acceptance checks on the shared corpora (skipped when ../shared is absent)."""
import json

import libanalysis as la


def test_golden_rules(shared):
    rules = json.loads((shared / "data/parse/golden-rules-en.json").read_text(encoding="utf-8"))
    p = la.Pipeline(stages=["structure"])
    ok = 0
    for case in rules:
        doc = p.analyze(case["text"], format="text")
        got = [s.text.strip() for s in doc.sentences]
        ok += got == [s.strip() for s in case["sentences"]]
    print(f"golden rules: {ok}/{len(rules)}")
    assert ok >= 46


def test_seed_articles_round_trip(shared):
    seeds = sorted((shared / "data/seeds").glob("*.txt"))
    assert seeds
    corpus = la.Corpus()
    for path in seeds:
        raw = path.read_bytes()
        doc = corpus.analyze(raw, name=path.name)
        assert doc.text == raw.decode("utf-8")
        assert doc.tokens
        for t in doc.tokens:
            assert doc.text[t.start:t.end] == t.text
            assert raw[t.byte_start:t.byte_end].decode("utf-8") == t.text
        for e in doc.entities:
            assert doc.text[e.start:e.end] == e.text
        json.loads(doc.to_json())
