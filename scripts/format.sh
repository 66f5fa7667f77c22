#!/usr/bin/env bash
# clang-format over the C++ sources: scripts/format.sh (rewrite) or --check (fail on a diff).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files -co --exclude-standard -- 'core/*.cpp' 'core/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'examples/*.cpp' 'wasm/*.cpp')
if [[ "${1:-}" == "--check" ]]; then
  clang-format --dry-run --Werror "${files[@]}"
  echo "format: ${#files[@]} files clean"
else
  clang-format -i "${files[@]}"
fi
