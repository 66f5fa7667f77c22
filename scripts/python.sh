#!/usr/bin/env bash
# npm run python -- FILE.py [--rows N] [--data DIR]: a TF2 Python program on xtape, under Node
# through Pyodide (scripts/python.mjs). Builds the WASM module first if it is missing or stale.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ -d "$ROOT/.deps/usr" ]] || "$ROOT/scripts/bootstrap.sh" --no-wasm-catch2 >&2
"$ROOT/scripts/build.sh" wasm >/dev/null
exec node "$ROOT/scripts/python.mjs" "$@"
