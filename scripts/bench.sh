#!/usr/bin/env bash
# npm run bench [-- --quick]: installs what the benchmark needs (OpenBLAS, TF.js 4.22 in
# bench/node_modules), builds native (-march=native) and WASM (single-thread and pthreads), then
# runs bench/run.mjs. Not part of npm test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh --no-wasm-catch2 --bench
[[ -d bench/node_modules/@tensorflow/tfjs-backend-wasm ]] || (cd bench && npm ci --no-audit --no-fund --ignore-scripts)
scripts/build.sh wasm wasm-mt
if [[ ! -f build/native-bench/build.ninja ]]; then
  cmake -S . -B build/native-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DXTAPE_MARCH_NATIVE=ON >/dev/null
fi
cmake --build build/native-bench -j"$(nproc)" --target gemm_native
mkdir -p build/bench
wat2wasm --enable-relaxed-simd bench/ceiling.wat -o build/bench/ceiling.wasm
node bench/run.mjs "$@"
echo "== The page (<xtape-trainer>): mini-batch epochs, isolated (the threaded build) vs not"
for b in 16 128 512; do node bench/page-epoch.mjs --batch "$b"; done | tee build/bench/page-epoch.txt
echo "== Python (Pyodide + the tensorflow package) over the JS API, same steps, same core"
node bench/python-overhead.mjs | tee build/bench/python-overhead.txt
node bench/python-first-output.mjs | tee -a build/bench/python-overhead.txt
echo "== Keras fit: the traced train step (fit's default) against run_eagerly=True, batches of 32 and 128"
node bench/fit-traced.mjs | tee build/bench/fit-traced.txt
echo "== Keras fit, one epoch of TF's beginner model: Python and xtape.keras in JS against TF.js 4.22 wasm model.fit"
node bench/fit-tfjs.mjs | tee build/bench/fit-tfjs.txt
echo "== The same on one page in Chromium: TF.js, xtape's Python and xtape.keras, each in its worker"
node bench/fit-page.mjs | tee build/bench/fit-page.txt
echo "== NumPy's train_images / 255.0 on xtape's NumPy subset against the JS API's cast + div"
node bench/numpy-divide.mjs | tee build/bench/numpy-divide.txt
echo "== The first layer fused (nn.reluLayer) against matmul, add and relu, full batch (Node)"
{ node bench/fused-layer.mjs; XTAPE_THREADS=0 node bench/fused-layer.mjs; } | tee build/bench/fused-layer.txt
echo "== Adam over 10,000 mini-batch steps (denormal-proof optimizer state: the update time stays flat)"
node bench/adam-steps.mjs --steps 10000 | tail -1 | tee build/bench/adam-steps.txt
