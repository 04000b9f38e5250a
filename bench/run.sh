#!/usr/bin/env bash
# Builds a release build and runs the benchmarks over the shared corpora (../shared/data).
# Benchmarks, not tests: figures depend on the machine and its load.
#   LA_SHARED=path/to/shared   (default ../shared)
#   LA_BUILD=build-dir         (default build-release; created when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${LA_SHARED:-../shared}
BUILD=${LA_BUILD:-build-release}
[ -d "$SHARED/data" ] || { echo "bench: shared data not found at $SHARED (set LA_SHARED)" >&2; exit 1; }
[ -d "$BUILD" ] || .venv/bin/meson setup "$BUILD" -Dbuildtype=release >/dev/null
.venv/bin/meson compile -C "$BUILD" >/dev/null
echo "== segmentation (target >= 50 MB/s on one core)"
taskset -c 0 "$BUILD"/bench/bench_segment "$SHARED"/data/seeds/*.txt "$SHARED"/data/claims/polnear/train/*.txt --mb 20
echo "== NER tagger alone, CoNLL++ dev tokens, one core (target >= 1M tokens/s; model load < 100 ms)"
taskset -c 0 "$BUILD"/bench/bench_tagger "$SHARED"/data/ner/conllpp/dev.txt
echo "== claims stage's share of the pipeline's time, PolNeAR dev, one core (target <= 25%)"
taskset -c 0 "$BUILD"/bench/bench_claims "$SHARED"/data/claims/polnear/dev/*.txt --repeat 5
echo
.venv/bin/pip install -q --disable-pip-version-check -r bench/requirements.txt
echo "== whole pipeline vs spaCy en_core_web_sm, PolNeAR dev + seeds, one core (target >= 100x;"
echo "   load < 100 ms, peak RSS < 150 MB)"
.venv/bin/python bench/bench_pipeline.py --bench "$BUILD"/bench/bench_pipeline --seconds 5 \
    "$SHARED"/data/claims/polnear/dev/*.txt "$SHARED"/data/seeds/*.txt
echo "== HTML main content vs trafilatura, one core (target >= 20x)"
.venv/bin/python bench/bench_html.py "$SHARED/data/parse/articles/html" --repeat 5
