// Advanced SIMD float GEMM (every AArch64 CPU): float_gemm_driver.h on q registers, micro-tiles
// of up to 6 rows x 8 channels (12 accumulators, two weight vectors and one broadcast).
#include "kernels/optimized/float/float_gemm_driver.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_simd_neon.h"

namespace posenet::fconv {

void GemmNeon(const GemmPanels& w, const GemmCall& call) { DriveGemm<FloatNeon>(w, call); }

}  // namespace posenet::fconv
