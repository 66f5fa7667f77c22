#!/usr/bin/env bash
# npm test: installs what is missing, builds everything, runs every test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh
echo "== format"
scripts/format.sh --check
echo "== native"
scripts/build.sh native
ctest --test-dir build/native -j"$(nproc)" --output-on-failure --timeout 300
