#!/usr/bin/env bash
# Copies each example file into the docs that show it: a line "<!-- example: PATH -->" in
# docs/*.md is followed by a fenced code block holding PATH verbatim. Run after editing an
# example; tests/package checks that the docs and the files agree.
set -euo pipefail
cd "$(dirname "$0")/.."
for doc in docs/*.md; do
  grep -q '^<!-- example: ' "$doc" || continue
  /usr/bin/python3 - "$doc" <<'PY'
import re, sys
doc = sys.argv[1]
lines = open(doc).read().split("\n")
out, i = [], 0
while i < len(lines):
    out.append(lines[i])
    m = re.match(r"^<!-- example: (\S+) -->$", lines[i])
    i += 1
    if not m:
        continue
    fence = lines[i]  # the opening ``` line, kept
    out.append(fence)
    i += 1
    while i < len(lines) and lines[i] != "```":
        i += 1
    out.extend(open(m.group(1)).read().rstrip("\n").split("\n"))
    out.append("```")
    i += 1
open(doc, "w").write("\n".join(out))
PY
done
