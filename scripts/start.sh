#!/usr/bin/env bash
# npm start [-- --port N --data DIR --no-isolation]: installs what is missing, builds the WASM
# modules (single-thread, and pthreads for cross-origin isolated pages), serves the demo.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh --no-wasm-catch2
scripts/build.sh wasm wasm-mt
exec node scripts/serve.mjs "$@"
