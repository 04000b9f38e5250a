#!/bin/sh
# Trains the claims taggers' model, libanalysis/model/claims.bin, from PolNeAR train in one
# reproducible run (fixed seed and epochs: same data -> byte-identical model), then scores
# the rebuilt library on PolNeAR dev with the shared scorer when it is there.
#
#   tools/train-claims.sh        (data from ../shared/data beside the repository, or
#                                 LA_SHARED_DATA=/path/to/shared/data)
#
# Only PolNeAR's train split is read for training; dev is only scored. The cue lexicon
# the taggers use as a feature (model/cues.tsv) comes from tools/train-cues.py on the same
# train split.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
data=${LA_SHARED_DATA:-$repo/../shared/data}
train=$data/claims/polnear/train
dev=$data/claims/polnear/dev
if [ ! -d "$train" ]; then
    echo "train-claims.sh: training data not found: $train" >&2
    echo "train-claims.sh: the shared data must be at ../shared/data beside the repository" \
         "(or set LA_SHARED_DATA)" >&2
    exit 1
fi
EPOCHS=15
ORDERS=${ORDERS:-1} # >1 averages models trained on that many orders: steadier, not better
SEED=${SEED:-0} # the shuffles' seed; other seeds measure how much a retrained model varies
PRUNE=500 # drops weights below 500/32000 of the largest: model 6.5 -> 1.3 MB, same F1
meson=${MESON:-meson}
command -v "$meson" >/dev/null 2>&1 || meson=$repo/.venv/bin/meson
build=$repo/build-train
work=$(mktemp -d "${TMPDIR:-/tmp}/train-claims.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== building the trainer ($build)"
[ -d "$build" ] || "$meson" setup "$build" -Dbuildtype=release >/dev/null
"$meson" compile -C "$build" tools/train_claims >/dev/null

echo "== attribution spans of $train"
python3 "$repo/tools/polnear_spans.py" "$train" > "$work/spans.tsv"

echo "== training ($EPOCHS epochs)"
"$build/tools/train_claims" "$work/spans.tsv" "$repo/libanalysis/model/claims.bin" --epochs "$EPOCHS" \
    --prune "$PRUNE" --seed "$SEED" --orders "$ORDERS"

if [ -d "$dev" ] && [ -x "$data/../eval/convert.py" ]; then
    echo "== scoring on PolNeAR dev"
    "$meson" compile -C "$build" tools/libanalysis >/dev/null
    "$data/../eval/convert.py" polnear "$dev" "$work/dev" >/dev/null
    "$build/tools/libanalysis" analyze --text "$work"/dev/*.txt > "$work/dev.jsonl"
    "$data/../eval/score.py" claims "$work/dev" "$work/dev.jsonl"
fi
