import json
import threading

import pytest

import libanalysis as la


def test_offsets_round_trip():
    text = "Prime Minister Mohammad Shia al-Sudani said Iraq’s 2,500 US-led troops “stay”. Ça va?"
    doc = la.analyze(text)
    assert doc.text == text
    assert [t.text for t in doc.tokens][:6] == ["Prime", "Minister", "Mohammad", "Shia", "al-Sudani", "said"]
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text
        assert text.encode()[t.byte_start:t.byte_end].decode() == t.text
    assert len(doc.sentences) == 2
    assert doc.sentences[1].text == "Ça va?"


def test_invalid_utf8_matches_python_decoding():
    raw = b"caf\xc3\xa9 \xff\xfe ok \xe2\x82 end"
    doc = la.analyze(raw)
    assert doc.text == raw.decode("utf-8", "replace")
    assert doc.repairs == 3
    last = doc.tokens[-1]
    assert raw[last.byte_start:last.byte_end] == b"end"


def test_nul_bytes_are_replaced():
    doc = la.analyze(b"a\x00b")
    assert doc.text == "a\ufffdb" and doc.repairs == 1


def test_json_has_evaluation_keys():
    doc = la.analyze("Title\n\nThe minister said the talks went well.", name="x.txt")
    rec = json.loads(doc.to_json())
    for key in ("doc", "text", "metadata", "blocks", "sentences", "tokens", "entities", "claims", "main_text"):
        assert key in rec
    assert rec["doc"] == "x.txt"
    assert rec["text"] == doc.text
    assert json.loads(doc.to_json(pretty=True)) == rec


def test_errors_are_exceptions():
    with pytest.raises(la.InputTooLarge) as e:
        la.Pipeline(max_input_bytes=3).analyze("four")
    assert isinstance(e.value, ValueError) and e.value.code < 0
    with pytest.raises(la.Error):
        la.Pipeline(model="/nonexistent/model.bin")
    with pytest.raises(KeyError):
        la.analyze("x", format="pdf")


def test_children_keep_parents_alive():
    tok = la.Pipeline().analyze("Alive after the pipeline goes.").tokens[0]
    import gc
    gc.collect()
    assert tok.text == "Alive"


def test_close_and_context_manager():
    with la.Pipeline() as p:
        with p.analyze("One. Two.") as doc:
            sents = doc.sentences
        assert [s.text for s in sents] == ["One.", "Two."]
    with pytest.raises(la.InvalidArgument):
        p.analyze("closed")


def test_blocks_and_metadata():
    doc = la.analyze("What NATO wants\n\nBY: Jane Roe\n\nPEJOURNAL – NATO plans to increase the number of its forces in Iraq, officials said on Monday in Brussels.\n")
    assert doc.metadata["byline"] == "Jane Roe"
    assert doc.metadata["title"] == "What NATO wants"
    assert [b.kind for b in doc.blocks][:2] == ["title", "byline"]
    assert "NATO plans" in doc.main_text


def test_threads_share_a_pipeline():
    p = la.Pipeline()
    errors = []

    def work():
        try:
            for _ in range(20):
                assert len(p.analyze("He left. She stayed.").sentences) == 2
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)
    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_html_input():
    page = b"<html><head><title>Page</title></head><body><nav><a href='/'>Home</a></nav><article>" \
           b"<h1>Headline here</h1><p>The minister said the talks had gone well and would resume in Baghdad next week.</p>" \
           b"</article><footer>Copyright</footer></body></html>"
    doc = la.analyze(page)
    assert doc.format == "html"
    assert "The minister said" in doc.main_text
    assert "Copyright" not in doc.main_text
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text
