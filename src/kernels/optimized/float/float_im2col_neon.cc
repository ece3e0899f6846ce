// Advanced SIMD im2col: float_im2col_rows.h on q registers.
#include "kernels/optimized/float/float_im2col_rows.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_simd_neon.h"

namespace posenet::fconv {

void Im2colNeon(const Im2col& g, int64_t r0, int64_t r1, float* a) {
  Im2colRows<FloatNeon>(g, r0, r1, a);
}

}  // namespace posenet::fconv
