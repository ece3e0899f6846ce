#!/usr/bin/env bash
# Times posenet.cpp at every x86 SIMD level this CPU runs (POSENET_ISA=scalar, avx2, avxvnni,
# avx512) on the four benchmark models, 1 thread, and prints the markdown table of
# docs/benchmarks.md. For each model the levels run back to back, so the ratios in a row come
# from one run of the machine. The scalar level (the reference kernels) takes seconds per run:
# it gets 3 timed runs.
#   ./scripts/bench-levels.sh [RUNS] [WARMUP]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"; warmup="${2:-3}"
me=bench-levels
source scripts/bench-models.sh
# The levels this CPU has, by the rule of src/base/cpu_features.cc (CpuFeaturesTest checks that
# rule against these same flags).
flags=" $(sed -n 's/^flags[[:space:]]*: //p' /proc/cpuinfo | head -n 1) "
has() { for f in "$@"; do [[ "$flags" == *" $f "* ]] || return 1; done; }
levels=(scalar)
has avx2 fma && levels+=(avx2)
avx512=0
has avx2 fma avx512f avx512bw avx512dq avx512vl avx512_vnni && avx512=1
{ [ "$avx512" = 1 ] || has avx2 fma avx_vnni; } && levels+=(avxvnni)
[ "$avx512" = 1 ] && levels+=(avx512)

header="| model |"; rule="|---|"
for level in "${levels[@]}"; do header+=" $level ms |"; rule+="---|"; done
echo "$header avxvnni / avx2 | avx512 / avx2 |"
echo "$rule---|---|"
for row in "${bench_models[@]}"; do
  IFS='|' read -r name model _ input <<<"$row"
  line="| $name |"
  declare -A median=()
  for level in "${levels[@]}"; do
    n="$runs"; w="$warmup"
    [ "$level" = scalar ] && n=3 && w=1
    out=$(POSENET_ISA="$level" "$tool" bench --model "$data/$model" --input "$data/$input" \
          --threads 1 --runs "$n" --warmup "$w" --no-profile 2>&1) || {
      echo "bench-levels: $name at $level failed:" >&2; echo "$out" >&2; exit 1; }
    median[$level]=$(median_of posenet "$out")
    line+=" ${median[$level]} |"
  done
  ratio() { [ -n "${median[$1]:-}" ] && [ -n "${median[avx2]:-}" ] &&
              awk -v a="${median[avx2]}" -v b="${median[$1]}" 'BEGIN { printf "%.2fx", a / b }' || echo "-"; }
  echo "$line $(ratio avxvnni) | $(ratio avx512) |"
  unset median
done
