#!/usr/bin/env bash
# npm test: installs what is missing, builds native and WASM, runs every test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh
echo "== format"
scripts/format.sh --check
echo "== build"
scripts/build.sh native wasm wasm-mt wasm-tests
echo "== native Catch2"
ctest --test-dir build/native -j"$(nproc)" --output-on-failure --timeout 300
echo "== WASM Catch2 (node)"
ctest --test-dir build/wasm-tests -j"$(nproc)" --output-on-failure --timeout 300
echo "== JS API (node): threaded build, then single-thread"
node --test tests/js/
XTAPE_THREADS=0 node --test tests/js/
echo "== page (headless Chromium), one file at a time: each trains in its own browser"
for f in tests/browser/*.test.mjs; do node --test "$f"; done
