// AVX2+FMA float GEMM: float_gemm_driver.h on ymm registers, micro-tiles of up to 6 rows x 16
// channels (12 accumulators, two weight vectors and one broadcast).
#include "kernels/optimized/float/float_gemm_driver.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_simd_avx2.h"

namespace posenet::fconv {

void GemmAvx2(const GemmPanels& w, const GemmCall& call) { DriveGemm<FloatAvx2>(w, call); }

}  // namespace posenet::fconv
