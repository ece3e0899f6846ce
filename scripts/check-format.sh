#!/usr/bin/env bash
# Fails when a tracked C++ file differs from clang-format's output (style: .clang-format).
# Fix with: git ls-files '*.cc' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
unformatted=$(git ls-files '*.cc' '*.h' | xargs clang-format --dry-run 2>&1 | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: warning:.*/\1/p' | sort -u)
if [ -n "$unformatted" ]; then
  echo "check-format: not clang-formatted (run: git ls-files '*.cc' '*.h' | xargs clang-format -i):" >&2
  echo "$unformatted" >&2
  exit 1
fi
echo "check-format: $(git ls-files '*.cc' '*.h' | wc -l) files formatted"
