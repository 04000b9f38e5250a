#!/usr/bin/env python3
"""Learn the word classes of the claims taggers from the part-of-speech column of CoNLL++
TRAIN (Reuters news, tagged with the Penn Treebank tags).

  train-wordclass.py CONLL_TRAIN.txt OUT.tsv

A word's class is its most frequent coarse tag, joined by "|" to the second one when
that has at least a fifth of the word's tokens ("plans" NOUN|VERB-S, "said" VERB-D), so
that the taggers can tell a verb from a noun for words they never saw as cues or in an
attribution. Only lower-cased words seen at least twice, with a letter and no digit,
are kept (the taggers' shape feature covers numbers and punctuation). Output lines: word,
class, count. Only counts leave the corpus; no text is copied."""
import collections, os, sys

# Penn Treebank tag -> coarse tag: the verb forms stay apart (finite "said" against
# participle "saying"), the rest folds into the parts of speech.
COARSE = {
    "NN": "N", "NNS": "N", "NNP": "NP", "NNPS": "NP", "VB": "V", "VBP": "VP", "VBZ": "VZ",
    "VBD": "VD", "VBN": "VN", "VBG": "VG", "MD": "MD", "JJ": "J", "JJR": "J", "JJS": "J",
    "RB": "R", "RBR": "R", "RBS": "R", "RP": "R", "IN": "IN", "DT": "DT", "PDT": "DT",
    "PRP": "PR", "PRP$": "PR", "WDT": "W", "WP": "W", "WP$": "W", "WRB": "W", "CC": "CC",
    "TO": "TO", "CD": "CD", "EX": "EX", "POS": "POS",
}
MIN_COUNT = 2
SECOND_SHARE = 0.2


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: train-wordclass.py CONLL_TRAIN.txt OUT.tsv")
    src, dst = sys.argv[1:3]
    if not os.path.isfile(src):
        sys.exit(f"train-wordclass.py: training data not found: {src} (the shared data must be "
                 "at ../shared/data beside the repository)")
    tags = collections.defaultdict(collections.Counter)
    for line in open(src, encoding="utf-8"):
        cols = line.split()
        if len(cols) < 2 or cols[0] == "-DOCSTART-":
            continue
        tags[cols[0].lower()][COARSE.get(cols[1], "X")] += 1
    with open(dst, "w", encoding="utf-8") as out:
        out.write("# word\tclass\tcount  (tools/train-wordclass.py on the POS column of CoNLL++ train)\n")
        for word in sorted(tags):
            counts = tags[word]
            total = sum(counts.values())
            if total < MIN_COUNT or not word.isprintable() or not any(ch.isalpha() for ch in word) \
                    or any(ch.isdigit() for ch in word):
                continue
            (first, _), *rest = counts.most_common(2) + [("", 0)]
            second, n2 = rest[0]
            cls = first + ("|" + second if second and n2 >= SECOND_SHARE * total else "")
            out.write(f"{word}\t{cls}\t{total}\n")


if __name__ == "__main__":
    main()
