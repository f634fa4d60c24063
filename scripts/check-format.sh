#!/usr/bin/env bash
# Fails, naming each file and line, where a tracked C++ source differs from what .clang-format
# makes of it. `make format` rewrites them. Run by `make test` (ctest label "unit").
set -euo pipefail
cd "$(dirname "$0")/.."
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
else
  mapfile -t files < <(find apps bench live sim tests viz -name '*.cpp' -o -name '*.hpp' | sort)
fi
clang-format --dry-run -Werror "${files[@]}"
echo "check-format: ${#files[@]} files as .clang-format writes them"
