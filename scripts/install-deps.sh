#!/usr/bin/env bash
# Installs everything libanalysis needs to build, test and benchmark on a fresh Debian
# machine: C libraries from Debian, Python tooling from PyPI into .venv.
# Idempotent: packages already present are skipped quickly.
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(build-essential pkg-config ninja-build libcjson-dev libcmocka-dev libutf8proc-dev
      libxml2-dev iso-codes clang libclang-rt-14-dev valgrind)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check \
  'meson>=1.2' 'meson-python>=0.15' 'ninja' 'cffi>=1.15' 'pytest>=7'
