// AVX-512 im2col: float_im2col_rows.h on zmm registers.
#include "kernels/optimized/float/float_im2col_rows.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_simd_avx512.h"

namespace posenet::fconv {

void Im2colAvx512(const Im2col& g, int64_t r0, int64_t r1, float* a) {
  Im2colRows<FloatAvx512>(g, r0, r1, a);
}

}  // namespace posenet::fconv
