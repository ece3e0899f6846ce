// AVX2+FMA depthwise 3x3 (depth multiplier 1): the AVX-512 kernel's scheme with 8 channels per
// ymm (float_depthwise_rows.h at FloatAvx2); whole blocks use plain loads and stores, the channel
// tail masked ones.
#include "kernels/optimized/float/float_depthwise_rows.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_simd_avx2.h"

namespace posenet::fconv {

void Depthwise3x3Avx2(const Depthwise3x3& p, int64_t row_begin, int64_t row_end) {
  DepthwiseRows<FloatAvx2>(p, row_begin, row_end);
}

}  // namespace posenet::fconv
