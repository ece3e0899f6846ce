// AVX-512 float GEMM for 1x1 convolutions (and im2col panels): micro-tiles of up to 12 rows x
// 32 channels in 24 zmm accumulators; each k step loads two weight vectors and broadcasts one
// input float per row. Rows are walked in blocks whose inputs stay in L2 while every panel of
// the call passes over them, and each panel stays in cache across the tiles of a block.
#include "kernels/optimized/float/float_gemm_driver.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_simd_avx512.h"

namespace posenet::fconv {

void GemmAvx512(const GemmPanels& w, const GemmCall& call) { DriveGemm<FloatAvx512>(w, call); }

}  // namespace posenet::fconv
