#!/usr/bin/env python3
"""Learn the attribution-cue lexicon of the claims stage from PolNeAR TRAIN.

  train-cues.py TRAIN_DIR OUT.tsv

For every lower-cased word form, counts how often it is the head of an annotated
attribution cue and how often it occurs at all; keeps forms that are cues often enough
(count and ratio thresholds below). Each kept form gets a lemma (suffix rules plus
irregular forms) and a class from the hand-written CLASSES table, so that an analyst can
tell "claimed" from "stated". Output lines: form, lemma, class, cue count, total count.
Only counts leave the corpus; no text is copied."""
import collections, re, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear_spans import attributions  # noqa: E402  (the one PolNeAR .ann reader)

WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|[^\sA-Za-z]")

# lemma -> class. General knowledge of reporting verbs, not learnt.
CLASSES = {
    "say": "say", "tell": "say", "state": "say", "add": "say", "note": "say", "remark": "say",
    "comment": "say", "continue": "say", "write": "say", "tweet": "say", "speak": "say",
    "reply": "say", "respond": "say", "answer": "say", "explain": "say", "describe": "say",
    "recall": "say", "quote": "say", "mention": "say", "describe": "say", "go": "say",
    "according": "say", "cite": "report", "refer": "say", "talk": "say", "put": "say",
    "declare": "announce", "announce": "announce", "unveil": "announce", "proclaim": "announce",
    "pledge": "promise", "promise": "promise", "vow": "promise", "commit": "promise",
    "claim": "claim", "allege": "claim", "assert": "claim", "maintain": "claim",
    "contend": "claim", "argue": "argue", "insist": "claim", "charge": "accuse",
    "accuse": "accuse", "blame": "accuse", "criticize": "criticize", "criticise": "criticize",
    "condemn": "criticize", "attack": "criticize", "slam": "criticize", "denounce": "criticize",
    "praise": "praise", "endorse": "support", "support": "support", "back": "support",
    "defend": "support", "welcome": "support", "oppose": "oppose", "reject": "deny",
    "deny": "deny", "dismiss": "deny", "refute": "deny", "dispute": "deny", "decline": "deny",
    "refuse": "deny", "disagree": "oppose", "question": "doubt", "doubt": "doubt",
    "believe": "believe", "think": "believe", "feel": "believe", "consider": "believe",
    "view": "believe", "regard": "believe", "see": "believe", "know": "believe",
    "expect": "believe", "hope": "believe", "fear": "believe", "worry": "believe",
    "assume": "believe", "suspect": "believe", "guess": "believe", "estimate": "believe",
    "predict": "believe", "seem": "believe", "appear": "believe", "imagine": "believe",
    "want": "want", "wish": "want", "plan": "want", "seek": "want", "intend": "want",
    "aim": "want", "urge": "demand", "call": "demand", "demand": "demand", "ask": "ask",
    "request": "demand", "warn": "warn", "caution": "warn", "threaten": "warn",
    "emphasize": "stress", "emphasise": "stress", "stress": "stress", "underline": "stress",
    "highlight": "stress", "underscore": "stress", "point": "say",
    "suggest": "suggest", "propose": "suggest", "recommend": "suggest", "advise": "suggest",
    "hint": "suggest", "imply": "suggest", "indicate": "suggest", "signal": "suggest",
    "report": "report", "reveal": "report", "disclose": "report", "show": "report",
    "find": "report", "conclude": "report", "confirm": "confirm", "acknowledge": "confirm",
    "admit": "confirm", "concede": "confirm", "agree": "agree", "accept": "agree",
    "estimate": "believe", "predict": "believe", "forecast": "believe", "insist": "claim",
    "tout": "claim", "boast": "claim",
    "promote": "support", "acknowledge": "confirm", "observe": "say", "told": "say",
    "ask": "ask", "wonder": "ask", "complain": "criticize", "lament": "criticize",
    "decry": "criticize", "mock": "criticize", "joke": "say", "quip": "say", "reiterate": "say",
    "repeat": "say", "stress": "stress", "specify": "say", "convey": "say", "demonstrate": "report",
    "affirm": "confirm", "reaffirm": "confirm", "understand": "believe", "stipulate": "say",
    "assess": "believe", "clarify": "say", "retort": "say",
}

IRREGULAR = {
    "said": "say", "says": "say", "saying": "say", "told": "tell", "tells": "tell",
    "telling": "tell", "wrote": "write", "written": "write", "writes": "write",
    "thought": "think", "knew": "know", "known": "know", "saw": "see", "seen": "see",
    "sees": "see", "found": "find", "felt": "feel", "went": "go", "goes": "go", "gone": "go",
    "spoke": "speak", "spoken": "speak", "sought": "seek", "put": "put", "according": "according",
    "shown": "show", "argued": "argue", "argues": "argue", "arguing": "argue",
    "believed": "believe", "believes": "believe", "believing": "believe",
    "noted": "note", "notes": "note", "noting": "note", "stated": "state", "states": "state",
    "stating": "state", "declared": "declare", "continued": "continue", "continues": "continue",
    "warned": "warn", "hoped": "hope", "hopes": "hope", "hoping": "hope", "urged": "urge",
    "urges": "urge", "urging": "urge", "promised": "promise", "praised": "praise",
    "described": "describe", "describes": "describe", "describing": "describe",
    "insisted": "insist", "refused": "refuse", "agreed": "agree", "suggested": "suggest",
    "conceded": "concede", "concluded": "conclude", "explained": "explain", "recalled": "recall",
    "cited": "cite", "citing": "cite", "cites": "cite", "wanted": "want", "feared": "fear",
    "fears": "fear", "defended": "defend", "proposed": "propose", "announced": "announce",
    "emphasized": "emphasize", "emphasizes": "emphasize", "emphasizing": "emphasize",
    "stressed": "stress", "stresses": "stress", "stressing": "stress", "added": "add",
    "adds": "add", "adding": "add", "called": "call", "calls": "call", "calling": "call",
}


def lemma(form):
    if form in IRREGULAR:
        return IRREGULAR[form]
    for suf, rep in (("ied", "y"), ("ies", "y"), ("ying", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if form.endswith(suf) and len(form) - len(suf) >= 3:
            base = form[: len(form) - len(suf)] + rep
            for cand in (base, base + "e", base[:-1] if len(base) > 3 and base[-1] == base[-2] else None):
                if cand and cand in CLASSES:
                    return cand
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "ls":
                return base[:-1]  # bragg -> brag
            if suf in ("ed", "ing") and (re.search(r"(c|v|z|iz|at|ag|eg|ig|ur|[^aeiou][aeiou][mnrd])$", base)):
                return base + "e"  # announc -> announce, nam -> name
            return base
    return form


# Reporting verbs every lexicon should know, whether or not the training corpus uses them
# often enough: all their inflections are added with a nominal count (cue 1 of 2).
GENERAL = ["say", "state", "declare", "announce", "warn", "deny", "claim", "insist", "believe",
           "argue", "suggest", "note", "add", "stress", "emphasize", "emphasise", "highlight",
           "underline", "underscore", "reiterate", "affirm", "reaffirm", "assert", "maintain",
           "convey", "specify", "acknowledge", "admit", "confirm", "reveal", "explain", "allege",
           "contend", "predict", "caution", "urge", "vow", "pledge", "promise", "understand",
           "regard", "consider", "stipulate", "complain", "accuse", "criticize", "condemn",
           "reject", "dismiss", "announce", "report", "disclose", "estimate", "assess", "remark",
           "observe", "recall", "mention", "clarify", "concede", "retort", "reply", "respond"]
IRR_FORMS = {"understand": ["understood"], "say": ["said"]}


def inflections(v):
    stem = v[:-1] if v.endswith("e") else v
    if v.endswith("y") and v[-2] not in "aeiou":
        return [v, v[:-1] + "ies", v[:-1] + "ied", v + "ing"] + IRR_FORMS.get(v, [])
    past = v + "d" if v.endswith("e") else v + "ed"
    third = v + "es" if v.endswith(("s", "sh", "ch", "x", "z")) else v + "s"
    return [v, third, past, stem + "ing"] + IRR_FORMS.get(v, [])


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    total, as_cue = collections.Counter(), collections.Counter()
    for txt in sorted(Path(sys.argv[1]).glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if not ann.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        cues = [cue for cue, _, _ in attributions(ann.read_text(encoding="utf-8"))]
        toks = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
        starts = [t[0] for t in toks]
        import bisect
        heads = set()
        for s, e in cues:
            i = bisect.bisect_left(starts, s)
            inside = [t for t in toks[i:] if t[1] <= e]
            # head: the first word of the cue that is a known or verb-like form
            words = [t for t in inside if t[2][0].isalpha()]
            if not words:
                continue
            head = next((t for t in words if lemma(t[2]) in CLASSES), words[0])
            heads.add(head[0])
        for s, e, f in toks:
            if not f[0].isalpha():
                continue
            total[f] += 1
            if s in heads:
                as_cue[f] += 1
    rows = []
    for f, n in as_cue.items():
        ratio = n / total[f]
        lem = lemma(f)
        known = lem in CLASSES
        if n >= 3 and (ratio >= 0.2 or (known and ratio >= 0.08)):
            rows.append((f, lem, CLASSES.get(lem, "other"), n, total[f]))
    have = {r[0] for r in rows}
    for v in GENERAL:
        for f in inflections(v):
            if f not in have:
                have.add(f)
                rows.append((f, v, CLASSES.get(v, "say"), 1, 2))
    rows.sort()
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("# form\tlemma\tclass\tcue\ttotal  (tools/train-cues.py on PolNeAR train)\n")
        for r in rows:
            out.write("\t".join(map(str, r)) + "\n")
    print(f"{len(rows)} cue forms -> {sys.argv[2]}", file=sys.stderr)


if __name__ == "__main__":
    main()
