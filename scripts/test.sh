#!/usr/bin/env bash
# npm test: installs what is missing, builds native and WASM, runs every test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh
echo "== format"
scripts/format.sh --check
echo "== build"
scripts/build.sh native wasm wasm-mt wasm-tests sanitize
echo "== native Catch2"
ctest --test-dir build/native -j"$(nproc)" --output-on-failure --timeout 300
node scripts/reference.mjs --check 3   # the page's shipped float64 curve is reference_f64's
echo "== native Catch2 and the examples under ASan + UBSan (halt on the first report)"
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
ctest --test-dir build/sanitize -j"$(nproc)" --output-on-failure --timeout 600
build/sanitize/forward_propagation --rows 500 --steps 3 --update sgd
build/sanitize/forward_propagation --rows 500 --steps 3 --threads 1
echo "== fuzz the parsers (corpus replay + 15 s each; longer: npm run fuzz)"
scripts/fuzz.sh 15
unset ASAN_OPTIONS UBSAN_OPTIONS
echo "== WASM Catch2 (node)"
ctest --test-dir build/wasm -j"$(nproc)" --output-on-failure --timeout 300
echo "== the page's modules under node: settings and exported files"
node --test tests/web/
echo "== JS API (node): threaded build, then single-thread"
node --test tests/js/
XTAPE_THREADS=0 node --test tests/js/
echo "== Python on xtape (Pyodide, node): the tutorial, reprs, errors, memory; NumPy's printing checked against NumPy"
/usr/bin/python3 -B tests/python/test_ndarray_format.py
node --test tests/python/
echo "== the README's commands, as a user types them"
node --test tests/readme/
echo "== 10,000 Adam steps in Node: live tensors, bytes and heap flat (exit 1 if not)"
node bench/adam-steps.mjs --steps 10000
echo "== demo server"
node --test tests/server/
echo "== the package: npm pack, installed into an empty project; static host, Vite, Node"
node --test tests/package/
echo "== page (headless Chromium), one file at a time: each trains in its own browser"
for f in tests/browser/*.test.mjs; do node --test "$f"; done
