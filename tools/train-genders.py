#!/usr/bin/env python3
"""Learn which first names are a man's or a woman's from the pronouns that follow them in
the training text, for the claims stage's pronoun sources ("she said" after "Alina
Romanowski met Mohammed al-Sudani" is Romanowski).

  tools/train-genders.py ANALYZER [SHARED]

ANALYZER is a built tools/libanalysis; SHARED is ../shared (default). It reads PolNeAR
train and the CoNLL++, re3d and wikigold training text from SHARED/data, tags them with
ANALYZER, and for every PERSON mention of two words or more counts the first "he" or
"she" after it, up to the end of the next sentence, unless another PERSON comes first. A first name is listed when it was counted
at least MIN_COUNT times and at least RATIO of the counts agree, counting only mentions
alone in their sentence; an honorific ("Mrs. Clinton") tells a mention's gender
outright when one first name in the document wears that surname. Names the word classes
read as common words first are left out. Writes libanalysis/model/genders.inc, which
claims/context.c compiles in; run it after changing the entity tagger, and commit the
output."""
import bisect
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

MODEL = Path(__file__).resolve().parents[1] / "libanalysis/model"

MIN_COUNT = 3
RATIO = 0.75
# subjects only: an object or a possessive is as often someone else's ("scolded him")
MALE = {"he"}
FEMALE = {"she"}
HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
# words that open a PERSON mention without being a first name
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "president", "sen", "rep", "gov", "gen",
          "secretary", "minister", "prime", "king", "queen", "prince", "princess", "pope", "sheikh",
          "judge", "justice", "mayor", "senator", "governor", "general", "colonel", "captain", "lt",
          "sgt", "col", "capt", "maj", "adm", "rev", "father", "saint", "st", "former", "the"}


def texts(shared, tmp):
    """The training text files: PolNeAR train, and the NER corpora turned into text."""
    data = shared / "data"
    files = sorted((data / "claims/polnear/train").glob("*.txt"))
    convert = shared / "eval/convert.py"
    for name, path in (("conllpp", "ner/conllpp/train.txt"), ("re3d", "ner/re3d/train.conll"),
                       ("wikigold", "ner/wikigold/wikigold.conll")):
        out = tmp / name
        subprocess.run([sys.executable, str(convert), "conll", str(data / path), str(out)], check=True,
                       stdout=subprocess.DEVNULL)
        files += sorted(out.glob("*.txt"))
    return files


def pronoun_after(doc, starts, mention, persons):
    """The gender ('m', 'f') of the first third-person singular pronoun after mention,
    to the end of the next sentence, or None when another PERSON comes first. starts:
    the tokens' and sentences' start offsets, for bisecting."""
    text, tokens, sentences = doc["text"], doc["tokens"], doc["sentences"]
    s = bisect.bisect_right(starts["sentences"], mention["start"])  # the next sentence's index
    if s >= len(sentences):
        return None
    limit = sentences[s]["end"]
    stop = min([p["start"] for p in persons if p["start"] >= mention["end"]] + [limit])
    for t in tokens[bisect.bisect_left(starts["tokens"], mention["end"]):]:
        if t["start"] >= stop:
            return None
        word = text[t["start"]:t["end"]].lower()
        if word in MALE:
            return "m"
        if word in FEMALE:
            return "f"
    return None


def alone(starts, mention, persons):
    """Whether mention is the only PERSON of its sentence (else a pronoun after it may
    well be the other's)."""
    s = bisect.bisect_right(starts["sentences"], mention["start"])
    return sum(bisect.bisect_right(starts["sentences"], p["start"]) == s for p in persons) == 1


def honorifics(doc):
    """The gender a document's honorifics give its surnames: "Mrs. Clinton" -> f."""
    text, tokens, out = doc["text"], doc["tokens"], {}
    for t, u in zip(tokens, tokens[1:]):
        word = text[t["start"]:t["end"]].rstrip(".").lower()
        if word in HONORIFICS:
            out.setdefault(text[u["start"]:u["end"]], set()).add(HONORIFICS[word])
    return {name: g.pop() for name, g in out.items() if len(g) == 1}


def count(docs):
    counts = {}
    for doc in docs:
        text = doc["text"]
        persons = [e for e in doc["entities"] if e["label"] == "PERSON"]
        starts = {k: [x["start"] for x in doc[k]] for k in ("tokens", "sentences")}
        titled = honorifics(doc)
        firsts = {}  # an honorific tells of a surname only one first name in the document wears
        for m in persons:
            words = text[m["start"]:m["end"]].split()
            if len(words) > 1:
                firsts.setdefault(words[-1], set()).add(words[0])
        for i, m in enumerate(persons):
            words = text[m["start"]:m["end"]].split()
            first = words[0].rstrip(".")
            if len(words) < 2 or not first.isalpha() or not first[0].isupper() or first.lower() in TITLES:
                continue
            g = (len(firsts[words[-1]]) == 1 and titled.get(words[-1])) or (
                alone(starts, m, persons) and pronoun_after(doc, starts, m, persons[i + 1:i + 4]))
            if g:
                counts.setdefault(first, Counter())[g] += 1
    return counts


def common_words():
    """Words the word classes (model/wordclass.tsv) read as something other than a name
    first ("Team", "Though")."""
    out = set()
    for line in open(MODEL / "wordclass.tsv", encoding="utf-8"):
        if not line.startswith("#"):
            word, cls = line.split("\t")[:2]
            if not cls.startswith("NP"):
                out.add(word)
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    analyzer = sys.argv[1]
    shared = Path(sys.argv[2]) if len(sys.argv) > 2 else MODEL / "../../../shared"
    if not (shared / "data").is_dir():
        sys.exit(f"train-genders: {shared}/data is absent; it holds the training text")
    with tempfile.TemporaryDirectory() as tmp:
        files = texts(shared, Path(tmp))
        run = subprocess.run([analyzer, "analyze", "--text", *map(str, files)], check=True, capture_output=True,
                             text=True)
    counts = count(json.loads(line) for line in run.stdout.splitlines())
    common = common_words()
    rows = []
    for name in sorted(counts):
        m, f = counts[name]["m"], counts[name]["f"]
        if m + f >= MIN_COUNT and max(m, f) >= RATIO * (m + f) and name.lower() not in common:
            rows.append(f'{{"{name}", \'{"m" if m > f else "f"}\'}}, /* {m} {f} */')
    with open(MODEL / "genders.inc", "w", encoding="utf-8") as out:
        out.write("/* First names and their gender, sorted (strcmp), with the pronoun counts behind them.\n"
                  "   Generated by tools/train-genders.py from PolNeAR train, CoNLL++ train, re3d and\n"
                  "   wikigold: do not edit. */\n")
        out.write("\n".join(rows) + "\n")
    print(f"train-genders: {len(rows)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
