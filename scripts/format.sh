#!/usr/bin/env bash
# npm run format: clang-format over the C++ sources, then prettier, ESLint and ruff over the JS
# and the Python (scripts/format.mjs). --check (npm test): fail on a difference or a finding.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files -co --exclude-standard -- 'core/*.cpp' 'core/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'examples/*.cpp' 'wasm/*.cpp')
if [[ "${1:-}" == "--check" ]]; then
  clang-format --dry-run --Werror "${files[@]}"
  echo "format: ${#files[@]} C++ files clean"
  node scripts/format.mjs --check
else
  clang-format -i "${files[@]}"
  node scripts/format.mjs
fi
