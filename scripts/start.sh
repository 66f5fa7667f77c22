#!/usr/bin/env bash
# npm start [-- --port N --data DIR --no-isolation]: installs what is missing, builds the WASM
# module, serves the demo.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh --no-wasm-catch2
scripts/build.sh wasm
exec node scripts/serve.mjs "$@"
