#!/usr/bin/env bash
# Installs what it needs, builds, and analyses the sample articles in examples/:
# structure, entities and claims, printed as text; JSON Lines go to build/examples.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -d build ] || .venv/bin/meson setup build >/dev/null
.venv/bin/meson compile -C build >/dev/null
build/tools/libanalysis analyze --format text examples/articles/*
build/tools/libanalysis analyze examples/articles/* > build/examples.jsonl
echo "JSON Lines: build/examples.jsonl"
