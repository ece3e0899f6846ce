# shellcheck shell=bash disable=SC2034,SC2154  # sourced: callers set me and use the rest
# Sourced by scripts/bench-peers.sh and scripts/bench-levels.sh: the four benchmark models of
# docs/benchmarks.md, the built tool, and the median a `posenet bench` output reports.
# Caller sets `me` (its name, for messages) first.
tool=./build/release/apps/posenet/posenet
[ -x "$tool" ] || { echo "$me: build first: cmake --preset release && cmake --build --preset release" >&2; exit 1; }
data=../shared/data
# name|tflite model|ONNX twin (for --peer)|raw input, paths under $data.
bench_models=(
  "Coral uint8 481x641|models/posenet_mobilenet_v1_075_481_641_quant.tflite|models/onnx/coral_075_481_641_qdq.onnx|reference/raw/test_couple_481x641/input.u8"
  "Coral uint8 353x481|models/posenet_mobilenet_v1_075_353_481_quant.tflite|models/onnx/coral_075_353_481_qdq.onnx|reference/raw/test_couple_353x481/input.u8"
  "dequantized float 481x641|models/synthetic/posenet_mobilenet_v1_075_dequant_float_481_641.tflite|models/onnx/coral_075_481_641_float.onnx|reference/raw/float_posenet_mobilenet_v1_075_dequant_float_481_641/input.u8"
  "synthetic 1.0 float 257x257|models/synthetic/synthetic_posenet_mobilenet_v1_100_257x257_float.tflite|models/onnx/synthetic_posenet_mobilenet_v1_100_257x257_float.onnx|reference/raw/float_synthetic_posenet_mobilenet_v1_100_257x257_float/input.u8"
)
# median_of PREFIX OUTPUT: the median in ms of the "<PREFIX> median N ms" line.
median_of() { sed -n "s/^$1 median \([0-9.]*\) ms.*/\1/p" <<<"$2"; }
