#!/bin/sh
# Trains the NER tagger's model, libanalysis/model/ner.bin, from the shared corpora, in one
# reproducible run (fixed seed and epochs; same data -> byte-identical model), then scores
# it on CoNLL++ dev and on a held-out fifth of re3d with the shared scorer.
#
#   tools/train-ner.sh            (from anywhere; data from ../shared/data beside the repo,
#                                  or LA_SHARED_DATA=/path/to/shared/data)
#
# Word clusters are learnt from PolNeAR's training articles (unlabeled news text) and the
# training words. Training data: CoNLL-2003 train with CoNLL++ corrections, wikigold, and the first 80% of
# re3d train's sentences (the last 20% are held out). conllpp/dev.txt is never trained on:
# the trainer only prints scores on it.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
data=${LA_SHARED_DATA:-$repo/../shared/data}
ner=$data/ner
for f in "$ner/conllpp/train.txt" "$ner/conllpp/dev.txt" "$ner/wikigold/wikigold.conll" \
         "$ner/re3d/train.conll"; do
    if [ ! -f "$f" ]; then
        echo "train-ner.sh: training data not found: $f" >&2
        echo "train-ner.sh: the shared data must be at ../shared/data beside the repository" \
             "(or set LA_SHARED_DATA)" >&2
        exit 1
    fi
done

EPOCHS=12
SEED=1
RUNS=3
VERSION="ner-2 conll+wikigold+re3d, gazetteers"
out=$repo/libanalysis/model/ner.bin
work=$(mktemp -d "${TMPDIR:-/tmp}/train-ner.XXXXXX")
trap 'rm -rf "$work"' EXIT

cc=${CC:-cc}
cflags="-O2 -std=c11 -D_GNU_SOURCE -I$repo/include -I$repo/libanalysis"
core="$repo/libanalysis/entities/features.c $repo/libanalysis/entities/tagger_io.c $repo/libanalysis/entities/lexicon.c $repo/libanalysis/doc.c $repo/libanalysis/text/text.c $repo/libanalysis/error.c $repo/libanalysis/util/vec.c"
echo "== building the trainer"
# shellcheck disable=SC2086
$cc $cflags -o "$work/train_ner" "$repo/tools/train_ner.c" $core -lutf8proc -lcjson -lm

echo "== splitting re3d: first 80% of sentences for training, last 20% held out"
python3 - "$ner/re3d/train.conll" "$work/re3d-train.conll" "$work/re3d-heldout.conll" <<'PY'
import sys
src, train, held = sys.argv[1:]
sents, cur = [], []
for line in open(src, encoding="utf-8"):
    if line.strip():
        cur.append(line)
    elif cur:
        sents.append(cur); cur = []
if cur:
    sents.append(cur)
cut = len(sents) * 4 // 5
for path, part in ((train, sents[:cut]), (held, sents[cut:])):
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join("".join(s) + "\n" for s in part))
print(f"re3d: {cut} sentences for training, {len(sents) - cut} held out")
PY

echo "== unlabeled text for the word clusters: PolNeAR train articles + the training words"
python3 - "$work/unlabeled.txt" "$data/claims/polnear/train" "$ner/conllpp/train.txt" \
    "$ner/wikigold/wikigold.conll" "$work/re3d-train.conll" <<'PY'
import glob, os, re, sys
out, polnear, conlls = sys.argv[1], sys.argv[2], sys.argv[3:]
# Roughly the library's tokenization: words (with inner hyphens, apostrophes, dots) and
# single punctuation marks.
tok = re.compile(r"\w+(?:[-'\u2019.]\w+)*|[^\w\s]")
n = 0
with open(out, "w", encoding="utf-8") as f:
    for p in sorted(glob.glob(os.path.join(polnear, "*.txt"))):
        for line in open(p, encoding="utf-8"):
            t = tok.findall(line)
            if t:
                f.write(" ".join(t) + "\n"); n += len(t)
    for p in conlls:
        sent = []
        for line in list(open(p, encoding="utf-8")) + [""]:
            c = line.split()
            if not c or c[0] == "-DOCSTART-":
                if sent:
                    f.write(" ".join(sent) + "\n"); n += len(sent); sent = []
                continue
            sent.append(c[0])
print(f"{n} tokens of unlabeled text")
PY

echo "== training ($EPOCHS epochs x $RUNS runs, seed $SEED)"
"$work/train_ner" -o "$out" --epochs "$EPOCHS" --seed "$SEED" --runs "$RUNS" \
    --version "$VERSION" --cluster-text "$work/unlabeled.txt" --dev "$ner/conllpp/dev.txt" \
    "$ner/conllpp/train.txt" "$ner/wikigold/wikigold.conll" "$work/re3d-train.conll"
ls -l "$out"

echo "== scoring with the shared scorer"
eval_dir=$data/../eval
if [ -f "$eval_dir/score.py" ]; then
    printf '#include <stddef.h>\nconst unsigned char la__ner_default_model[1];\nconst size_t la__ner_default_model_size = 0;\n' > "$work/none.c"
    # shellcheck disable=SC2086
    $cc $cflags -o "$work/ner_eval" "$repo/bench/ner_eval.c" "$repo/libanalysis/entities/tagger.c" \
        "$work/none.c" $core -lutf8proc -lcjson -lm
    python3 "$eval_dir/convert.py" conll "$ner/conllpp/dev.txt" "$work/conll-dev" >/dev/null
    "$work/ner_eval" "$work/conll-dev" "$work/conll-dev.jsonl" "$out"
    score() { # DIR PRED: micro F1 line, then F1 per label
        python3 "$eval_dir/score.py" entities "$1" "$2" --scheme conll --json > "$work/score.txt"
        head -n 1 "$work/score.txt"
        python3 -c 'import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[-1])
print("  per label F1: " + ", ".join("%s %s" % (k, v["f1"]) for k, v in r["per_label"].items()))' "$work/score.txt"
    }
    echo "CoNLL++ dev:"
    score "$work/conll-dev" "$work/conll-dev.jsonl"
    python3 "$eval_dir/convert.py" conll "$work/re3d-heldout.conll" "$work/re3d-held" --docs-of 20 >/dev/null
    "$work/ner_eval" "$work/re3d-held" "$work/re3d-held.jsonl" "$out"
    echo "re3d held out (PER, ORG, LOC; Nationality as MISC):"
    score "$work/re3d-held" "$work/re3d-held.jsonl"
else
    echo "(no shared scorer at $eval_dir: skipped)"
fi
