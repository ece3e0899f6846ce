// PrepareQuantizedConv for the architecture this build targets (../CMakeLists.txt compiles one
// family: quantized/ on x86-64 and WebAssembly, quantized_arm/ on AArch64; elsewhere the
// reference kernels run).
#include "kernels/optimized/prepared_conv.h"

#if defined(POSENET_SIMD_X86_64) || defined(POSENET_SIMD_WASM)
#include "kernels/optimized/quantized/quantized_conv.h"
#elif defined(POSENET_SIMD_AARCH64)
#include "kernels/optimized/quantized_arm/quantized_conv_arm.h"
#endif

namespace posenet {

std::unique_ptr<PreparedConv> PrepareQuantizedConv(const ConvProblem& problem, IsaLevel level) {
#if defined(POSENET_SIMD_X86_64) || defined(POSENET_SIMD_WASM)
  return problem.depthwise ? PrepareQuantizedDepthwiseConv(problem, level)
                           : PrepareQuantizedDenseConv(problem, level);
#elif defined(POSENET_SIMD_AARCH64)
  return problem.depthwise ? PrepareArmDepthwiseConv(problem, level)
                           : PrepareArmDenseConv(problem, level);
#else
  static_cast<void>(problem), static_cast<void>(level);
  return nullptr;
#endif
}

}  // namespace posenet
