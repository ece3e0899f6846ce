#!/usr/bin/env bash
# Times posenet.cpp and ONNX Runtime side by side on the four benchmark models at 1 and 2
# threads (one `posenet bench --peer` invocation per row, so each ratio comes from one run) and
# prints the markdown table of docs/benchmarks.md.
#   ./scripts/bench-peers.sh [RUNS] [WARMUP]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"; warmup="${2:-10}"
tool=./build/release/apps/posenet/posenet
[ -x "$tool" ] || { echo "bench-peers: build first: cmake --preset release && cmake --build --preset release" >&2; exit 1; }
data=../shared/data
rows=(
  "Coral uint8 481x641|models/posenet_mobilenet_v1_075_481_641_quant.tflite|models/onnx/coral_075_481_641_qdq.onnx|reference/raw/test_couple_481x641/input.u8"
  "Coral uint8 353x481|models/posenet_mobilenet_v1_075_353_481_quant.tflite|models/onnx/coral_075_353_481_qdq.onnx|reference/raw/test_couple_353x481/input.u8"
  "dequantized float 481x641|models/synthetic/posenet_mobilenet_v1_075_dequant_float_481_641.tflite|models/onnx/coral_075_481_641_float.onnx|reference/raw/float_posenet_mobilenet_v1_075_dequant_float_481_641/input.u8"
  "synthetic 1.0 float 257x257|models/synthetic/synthetic_posenet_mobilenet_v1_100_257x257_float.tflite|models/onnx/synthetic_posenet_mobilenet_v1_100_257x257_float.onnx|reference/raw/float_synthetic_posenet_mobilenet_v1_100_257x257_float/input.u8"
)
echo "| model | threads | posenet.cpp median ms | ONNX Runtime median ms | speedup |"
echo "|---|---|---|---|---|"
for row in "${rows[@]}"; do
  IFS='|' read -r name model onnx input <<<"$row"
  for threads in 1 2; do
    out=$("$tool" bench --model "$data/$model" --input "$data/$input" --threads "$threads" \
          --runs "$runs" --warmup "$warmup" --no-profile --peer "$data/$onnx" 2>&1) || {
      echo "bench-peers: $name at $threads threads failed:" >&2; echo "$out" >&2; exit 1; }
    ours=$(sed -n 's/^posenet median \([0-9.]*\) ms.*/\1/p' <<<"$out")
    peer=$(sed -n 's/^onnxruntime median \([0-9.]*\) ms.*/\1/p' <<<"$out")
    ratio=$(awk -v a="$peer" -v b="$ours" 'BEGIN { printf "%.2f", a / b }')
    echo "| $name | $threads | $ours | $peer | ${ratio}x |"
  done
done
