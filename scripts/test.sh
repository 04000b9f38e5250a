#!/usr/bin/env bash
# Installs what the tests need, builds, and runs every test:
#   1. the C suite (cmocka, fuzz corpora) in a release-like build
#   2. the same suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   3. the C suite under valgrind (memcheck, leaks are errors)
#   4. the libFuzzer targets built with clang, each run briefly
#   5. the Python package installed with pip into .venv, and pytest
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
MESON=.venv/bin/meson
export PATH="$PWD/.venv/bin:$PATH"

echo "== C tests"
[ -d build ] || $MESON setup build >/dev/null
$MESON compile -C build >/dev/null
$MESON test -C build --print-errorlogs

echo "== C tests under ASan + UBSan"
[ -d build-asan ] || $MESON setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
  -Dbuildtype=debug >/dev/null
$MESON compile -C build-asan >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  $MESON test -C build-asan --print-errorlogs

echo "== C tests under valgrind"
LA_TEST_SCALE=10 $MESON test -C build --print-errorlogs --timeout-multiplier 10 \
  --wrapper 'valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect -q'

# A fixed seed and run count keep CI deterministic; explore longer by hand with
# -max_total_time (see tests/fuzz/meson.build).
echo "== fuzz targets (clang, libFuzzer), 20000 runs each"
[ -d build-fuzz ] || CC=clang $MESON setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined \
  -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
$MESON compile -C build-fuzz >/dev/null
for f in build-fuzz/tests/fuzz/fuzz_*; do
  [ -f "$f" ] && [ -x "$f" ] || continue   # skip meson's fuzz_*.p object folders
  name=${f##*/fuzz_}
  work=$(mktemp -d)
  cp -r "tests/fuzz/corpus/$name/." "$work/" 2>/dev/null || true
  UBSAN_OPTIONS=halt_on_error=1 "$f" -seed=1 -runs=20000 -max_len=65536 -rss_limit_mb=2048 \
    -artifact_prefix="$work/" -print_final_stats=0 "$work" 2>&1 | tail -n 1
  rm -rf "$work"
done

echo "== Python package and tests"
.venv/bin/pip install -q --disable-pip-version-check .
( cd tests/python && ../../.venv/bin/python -m pytest -q . )
