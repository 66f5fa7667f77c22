#!/usr/bin/env bash
# npm run seed -- [options]: the tutorial program in C++ (examples/forward_propagation.cpp).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[[ -d .deps/usr ]] || scripts/bootstrap.sh --no-wasm-catch2 >&2
scripts/build.sh native >/dev/null
exec build/native/forward_propagation "$@"
