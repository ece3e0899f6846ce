#include "kernels/optimized/float/float_levels.h"

namespace posenet::fconv {

// Only the architecture this build targets has its SIMD sources compiled (see
// ../CMakeLists.txt, which defines POSENET_SIMD_X86_64, POSENET_SIMD_AARCH64 or
// POSENET_SIMD_WASM).
const FloatLevelKernels* FloatKernelsFor(IsaLevel level) {
#if defined(POSENET_SIMD_X86_64)
  static constexpr FloatLevelKernels kAvx512{.name = "avx512",
                                             .panel_width = kAvx512PanelWidth,
                                             .vector = 16,
                                             .gemm = &GemmAvx512,
                                             .im2col = &Im2colAvx512,
                                             .depthwise3x3 = &Depthwise3x3Avx512,
                                             .skip_gemm = &SkipGemmAvx512,
                                             .skip_scratch_bytes = &SkipGemmScratchBytes};
  static constexpr FloatLevelKernels kAvx2{.name = "avx2",
                                           .panel_width = kAvx2PanelWidth,
                                           .vector = 8,
                                           .gemm = &GemmAvx2,
                                           .im2col = &Im2colAvx2,
                                           .depthwise3x3 = &Depthwise3x3Avx2};
  if (level == IsaLevel::kAvx512) return &kAvx512;
  // VNNI has no float instructions: avxvnni runs the AVX2 kernels.
  if (level == IsaLevel::kAvx2 || level == IsaLevel::kAvxVnni) return &kAvx2;
#elif defined(POSENET_SIMD_AARCH64)
  // The dot product and matrix multiply levels add integer instructions only.
  static constexpr FloatLevelKernels kNeon{.name = "neon",
                                           .panel_width = kNeonPanelWidth,
                                           .vector = 4,
                                           .gemm = &GemmNeon,
                                           .im2col = &Im2colNeon,
                                           .depthwise3x3 = &Depthwise3x3Neon};
  if (level == IsaLevel::kNeon || level == IsaLevel::kDotprod || level == IsaLevel::kI8mm) {
    return &kNeon;
  }
#elif defined(POSENET_SIMD_WASM)
  static constexpr FloatLevelKernels kWasm{.name = "wasm_simd128",
                                           .panel_width = kWasmPanelWidth,
                                           .vector = 4,
                                           .gemm = &GemmWasm,
                                           .im2col = &Im2colWasm,
                                           .depthwise3x3 = &Depthwise3x3Wasm};
  if (level == IsaLevel::kWasmSimd128) return &kWasm;
#endif
  static_cast<void>(level);
  return nullptr;
}

std::vector<IsaLevel> DistinctFloatLevels(const std::vector<IsaLevel>& levels) {
  std::vector<IsaLevel> distinct;
  const FloatLevelKernels* last = nullptr;
  for (IsaLevel level : levels) {
    const FloatLevelKernels* kernels = FloatKernelsFor(level);
    if (kernels != nullptr && kernels != last) distinct.push_back(level);
    last = kernels;
  }
  return distinct;
}

}  // namespace posenet::fconv
