#!/usr/bin/env bash
# Builds xtape: scripts/build.sh [native|wasm|wasm-mt|wasm-tests|sanitize|all]...  (default: native)
# native      build/native      library, Catch2 tests, examples (portable: same arithmetic as WASM)
# wasm        build/wasm        the WASM SIMD module for the browser and Node, and the assets beside it
#                               (build/vendor: uPlot; build/data: a Fashion-MNIST subset)
# wasm-mt     build/wasm-mt     the pthreads WASM module (written to build/wasm/xtape.mt.*)
# wasm-tests  build/wasm        the Catch2 suite compiled to WASM from the wasm build's core, run by
#                               ctest --test-dir build/wasm under node
# sanitize    build/sanitize    clang: library, Catch2 tests and examples under ASan + UBSan, and the
#                               libFuzzer targets
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JOBS="${JOBS:-$(nproc)}"
build() {
  local dir="$1"; shift
  if [[ ! -f "$dir/build.ninja" ]]; then "$@" -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null; fi
  cmake --build "$dir" -j"$JOBS"
}
targets=("$@"); [[ ${#targets[@]} -gt 0 ]] || targets=(native)
for t in "${targets[@]}"; do
  case "$t" in
    native) build build/native cmake ;;
    wasm) build build/wasm emcmake cmake && node scripts/assets.mjs ;;
    wasm-mt) build build/wasm-mt emcmake cmake -DXTAPE_WASM_THREADS=ON ;;
    # configured again: a build/wasm made before bootstrap built Catch2 for em++ now finds it
    wasm-tests) build build/wasm emcmake cmake && emcmake cmake build/wasm >/dev/null &&
      cmake --build build/wasm -j"$JOBS" --target xtape_tests ;;
    sanitize) build build/sanitize cmake -DCMAKE_CXX_COMPILER=clang++-14 -DXTAPE_SANITIZE=ON ;;
    all) "$0" native wasm wasm-mt wasm-tests ;;
    *) echo "build: unknown target '$t' (native, wasm, wasm-mt, wasm-tests, sanitize, all)" >&2; exit 2 ;;
  esac
done
