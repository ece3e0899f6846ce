// The float kernels of each SIMD level, for the level-independent convolution classes
// (float_dense_conv.cc, float_depthwise_conv.cc, float_merged_conv.cc): they pack, split work
// between threads and stream rows the same way at every level and call the level's kernels
// through this table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/cpu_features.h"
#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {

struct FloatLevelKernels {
  std::string_view name;    // for profiles: "avx512", "avx2", "neon"
  int32_t panel_width = 0;  // floats per full GEMM panel (GemmPanels::width)
  int32_t vector = 0;       // floats per vector (a narrow last panel rounds up to it)
  void (*gemm)(const GemmPanels&, const GemmCall&) = nullptr;
  void (*im2col)(const Im2col&, int64_t, int64_t, float*) = nullptr;
  void (*depthwise3x3)(const Depthwise3x3&, int64_t, int64_t) = nullptr;
  // The zero-skipping GEMM for 1x1 layers and its scratch bytes; null when the level has none.
  void (*skip_gemm)(const GemmPanels&, const GemmCall&, int32_t, uint8_t*) = nullptr;
  size_t (*skip_scratch_bytes)(int32_t k) = nullptr;
};

// The kernels for `level`, or null when this build has no float kernels for it (scalar, or a
// level of another architecture).
const FloatLevelKernels* FloatKernelsFor(IsaLevel level);

// The levels of `levels` (lowest first) that have float kernels, each kernel set once (avxvnni
// runs the avx2 float kernels, AArch64's dotprod and i8mm the neon ones): what tests and
// benchmarks sweep, of SupportedIsas() by default.
std::vector<IsaLevel> DistinctFloatLevels(const std::vector<IsaLevel>& levels = SupportedIsas());

}  // namespace posenet::fconv
