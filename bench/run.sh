#!/usr/bin/env bash
# Builds a release build and runs the benchmarks over the shared corpora (../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${LA_SHARED:-../shared}
[ -d "$SHARED/data" ] || { echo "bench: shared data not found at $SHARED (set LA_SHARED)" >&2; exit 1; }
[ -d build-release ] || .venv/bin/meson setup build-release -Dbuildtype=release >/dev/null
.venv/bin/meson compile -C build-release >/dev/null
echo "== segmentation (target >= 50 MB/s on one core)"
taskset -c 0 build-release/bench/bench_segment "$SHARED"/data/seeds/*.txt "$SHARED"/data/claims/polnear/train/*.txt --mb 20
echo "== HTML main content vs trafilatura, one core (target >= 20x)"
.venv/bin/pip install -q --disable-pip-version-check -r bench/requirements.txt
.venv/bin/python bench/bench_html.py "$SHARED/data/parse/articles/html" --repeat 5
