#!/usr/bin/env bash
# Checks the layers against the one layer table, the "## Layers" table of docs/architecture.md
# (columns: layer | paths | job | may include; rows bottom-up):
#  - every row's "may include" names only rows above it, so the layers form no cycle;
#  - every #include "..." in src/, include/, apps/, python/ and web/ lands in the includer's own layer or in one
#    its row allows ("posenet/x.h" is include/posenet/x.h, a header beside the includer is its
#    own, anything else is src/<path>; a file belongs to the row with the longest matching path);
#  - every DEPS of a posenet_add_layer() library in src/ is a library of an allowed layer.
# Prints one line per violation and exits 1 when there is any.
set -euo pipefail
cd "$(dirname "$0")/.."

table=docs/architecture.md
rows=$(awk '/^## Layers/ { on = 1; next } on && /^## / { exit } on && /^\|/' "$table" |
  awk -F'|' 'NR > 2 {
    gsub(/`/, ""); layer = $2; gsub(/ /, "", layer)
    paths = $3; allowed = $5; gsub(/,/, " ", allowed)
    print layer "\t" paths "\t" allowed
  }')
if [ -z "$rows" ]; then
  echo "check-layers: no layer table under '## Layers' in $table" >&2
  exit 1
fi

# "path<TAB>layer" and "layer<TAB>allowed layer" lines, with the order checked.
paths=$(printf '%s\n' "$rows" | awk -F'\t' '{ n = split($2, p, " "); for (i = 1; i <= n; ++i) print p[i] "\t" $1 }')
allow=$(printf '%s\n' "$rows" | awk -F'\t' -v table="$table" '
  { seen[$1] = 1; print $1 "\t" $1
    n = split($3, a, " ")
    for (i = 1; i <= n; ++i) {
      if (a[i] == "-") continue
      if (!(a[i] in seen)) { print "ERROR\t" table ": layer " $1 " may include " a[i] ", which is not a row above it"; continue }
      print $1 "\t" a[i]
    }
  }')

files=$(find src include apps python web -type f \( -name '*.h' -o -name '*.cc' -o -name '*.inc' \) | sort)
includes=$(printf '%s\n' "$files" | xargs grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"' || true)

# library<TAB>layer folder, and library<TAB>dependency, from src/**/CMakeLists.txt.
cmake_libs=$(find src -name CMakeLists.txt | sort | while read -r f; do
  awk -v dir="$(dirname "$f")/" '
    /(posenet_add_layer|add_library)\(/ { line = $0; sub(/.*\(/, "", line); split(line, w, /[ )]/); print "LIB\t" w[1] "\t" dir }
    /posenet_add_layer\(/ { in_layer = 1; name = $0; sub(/.*\(/, "", name); split(name, w, /[ )]/); name = w[1] }
    in_layer {
      line = $0; if (line ~ /DEPS/) { deps = 1; sub(/.*DEPS/, "", line) }
      if (deps) { gsub(/\)/, " ", line); n = split(line, d, /[ \t]+/); for (i = 1; i <= n; ++i) if (d[i] != "") print "DEP\t" name "\t" d[i] }
      if ($0 ~ /\)[[:space:]]*$/) { in_layer = 0; deps = 0 }
    }' "$f"
done)

violations=$( {
  printf '%s\n' "$paths" | sed 's/^/PATH\t/'
  printf '%s\n' "$allow" | sed 's/^/ALLOW\t/'
  printf '%s\n' "$files" | sed 's/^/FILE\t/'
  printf '%s\n' "$cmake_libs"
  printf '%s\n' "$includes" | sed 's/^/INC\t/'
} | awk -F'\t' -v table="$table" '
  function layer_of(path,    best, len, p) {
    best = ""; len = 0
    for (p in owner) if (index(path, p) == 1 && length(p) > len) { best = owner[p]; len = length(p) }
    return best
  }
  $1 == "PATH" { owner[$2] = $3; next }
  $1 == "ALLOW" && $2 == "ERROR" { print $3; next }
  $1 == "ALLOW" { ok[$2 "\t" $3] = 1; next }
  $1 == "FILE" { exists[$2] = 1; next }
  $1 == "LIB" { lib_layer[$2] = layer_of($3); next }
  $1 == "DEP" { deps[++ndeps] = $2 "\t" $3; next }
  $1 == "INC" {
    split($2, parts, ":"); file = parts[1]; line = parts[2]
    target = $2; sub(/^[^"]*"/, "", target); sub(/".*/, "", target)
    dir = file; sub(/[^\/]*$/, "", dir)
    if (target ~ /^posenet\//) path = "include/" target
    else if ((dir target) in exists) path = dir target
    else path = "src/" target
    from = layer_of(file); to = layer_of(path)
    if (from == "") { print file ": in no layer of " table; next }
    if (to == "") { print file ":" line ": includes \"" target "\", which is in no layer of " table; next }
    if (!((from "\t" to) in ok)) print file ":" line ": layer " from " includes \"" target "\" of layer " to
    next
  }
  END {
    for (i = 1; i <= ndeps; ++i) {
      split(deps[i], d, "\t")
      if (!(d[2] in lib_layer)) continue  # not one of ours: an external library
      from = lib_layer[d[1]]; to = lib_layer[d[2]]
      if (!((from "\t" to) in ok)) print "CMake: " d[1] " (layer " from ") depends on " d[2] " (layer " to ")"
    }
  }')

if [ -n "$violations" ]; then
  echo "check-layers: against the layer table of $table:" >&2
  printf '%s\n' "$violations" >&2
  exit 1
fi
echo "check-layers: $(printf '%s\n' "$includes" | wc -l) includes of $(printf '%s\n' "$files" | wc -l) files follow the $(printf '%s\n' "$rows" | wc -l) layers of $table"
