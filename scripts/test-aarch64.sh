#!/usr/bin/env bash
# Cross-builds the core for AArch64 (preset aarch64: Debian's g++-aarch64-linux-gnu, GoogleTest
# from /usr/src/googletest) and runs its tests under qemu-aarch64 at every ARM level:
#   -cpu max         dot product and int8 matrix multiply: the kernel and engine tests run every
#                    level (neon, dotprod, i8mm) on it, each capped through Options::isa;
#   -cpu cortex-a76  dot product without int8 matrix multiply (Neoverse N1 class);
#   -cpu cortex-a72  plain NEON (a Raspberry Pi 4).
# On each CPU model the detected level is checked and the engine reproduces the Coral reference
# bytes at it; on cortex-a72 and max `posenet model-run` writes them too. Emulation says nothing
# about speed: see docs/platforms.md for measuring on ARM hardware.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
sysroot=/usr/aarch64-linux-gnu
build=build/aarch64

cmake --preset aarch64 >/dev/null
# The test programs CI runs here, and the tool.
cmake --build --preset aarch64 -j "$jobs" --target posenet base_test kernels_optimized_quantized_test \
  kernels_optimized_float_test runtime_test e2e_engine_test e2e_tool_test

# Under emulation every kernel path is covered once, not every size: the kernel tests (edge
# shapes) at every level; the Coral bytes of all three sizes, plain and decoder models, at neon,
# dotprod and i8mm and 1 and 2 threads (36 runs: each Coral/QuantReference test loads its model
# once and runs it at 1 then 2 threads; the 721x1281 ones, longest, start first); the float
# models at neon (the only float level), the big one with 2 threads. Left out: the MobileNet
# layer sweeps (the engine tests run those layers in the real networks), the scalar level beyond
# one model (the reference kernels are portable C++, the kernel tests' oracle), other input sizes
# than the model's own beyond i8mm (shape inference is portable code), the decoder's conformance
# beyond the smallest size (portable code on the reference bytes), and float network tests (row
# fusion, merged heads, hostile model files) that add no ARM code path.
skip='MobileNetLayers|MobileNetShapes|scalar_1t|RowFusion|MergedConvs|EveryBrokenModel'
skip+='|ReferenceKernelsOnPosenet|CoralConformance.*/(481x641|721x1281)'
skip+='|QuantReference.*_481_641_at_353x481_(neon|dotprod)_'
skip+='|FloatReference.*_481_641_neon_1t'
run() {  # run CPU EXPECTED_LEVEL CTEST_ARGS...
  local cpu=$1 level=$2
  shift 2
  echo "== qemu-aarch64 -cpu $cpu (expects $level)"
  QEMU_CPU=$cpu POSENET_EXPECT_ISA=$level ctest --preset aarch64 -j "$jobs" "$@"
}
run max i8mm -E "$skip" -R 'CpuFeatures|SessionIsa|RequantSimd|Quantized|Float|Reference|ModelRun|Bench|ModelInfo|CoreTool|core_only'
run max i8mm -R 'QuantReference.*quant_353_481_at_353x481_scalar_1t'
# Fewer features: detection and the reference bytes at the level detected (no isa cap).
run cortex-a76 dotprod -R 'CpuFeatures|DetectedLevel'
run cortex-a72 neon -R 'CpuFeatures|DetectedLevel'

for cpu in cortex-a72 max; do
  echo "== posenet model-run under qemu-aarch64 -cpu $cpu"
  out=$(mktemp -d)
  ref=../shared/data/reference/raw/test_couple_481x641
  qemu-aarch64 -L "$sysroot" -cpu "$cpu" "$build/apps/posenet/posenet" model-run \
    ../shared/data/models/posenet_mobilenet_v1_075_481_641_quant.tflite --input "$ref/input.u8" \
    --out "$out"
  for head in heatmaps short_offsets mid_offsets; do
    cmp "$out/float_$head.bin" "$ref/quant.$head.u8"
  done
  echo "model-run on $cpu: 3 outputs byte-identical to $ref"
  rm -r "$out"
done
echo "aarch64 tests passed"
