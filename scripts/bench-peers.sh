#!/usr/bin/env bash
# Times posenet.cpp and ONNX Runtime side by side on the four benchmark models at 1 and 2
# threads (one `posenet bench --peer` invocation per row, so each ratio comes from one run) and
# prints the markdown table of docs/benchmarks.md.
#   ./scripts/bench-peers.sh [RUNS] [WARMUP]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"; warmup="${2:-10}"
me=bench-peers
source scripts/bench-models.sh
echo "| model | threads | posenet.cpp median ms | ONNX Runtime median ms | speedup |"
echo "|---|---|---|---|---|"
for row in "${bench_models[@]}"; do
  IFS='|' read -r name model onnx input <<<"$row"
  for threads in 1 2; do
    out=$("$tool" bench --model "$data/$model" --input "$data/$input" --threads "$threads" \
          --runs "$runs" --warmup "$warmup" --no-profile --peer "$data/$onnx" 2>&1) || {
      echo "bench-peers: $name at $threads threads failed:" >&2; echo "$out" >&2; exit 1; }
    ours=$(median_of posenet "$out")
    peer=$(median_of onnxruntime "$out")
    ratio=$(awk -v a="$peer" -v b="$ours" 'BEGIN { printf "%.2f", a / b }')
    echo "| $name | $threads | $ours | $peer | ${ratio}x |"
  done
done
