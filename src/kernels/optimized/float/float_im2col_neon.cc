// Advanced SIMD im2col: the shared walk (float_im2col_rows.h) with 4-float vector moves.
#include <arm_neon.h>

#include "kernels/optimized/float/float_im2col_rows.h"
#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

// n floats from src (null: zeros) to dst, whole vectors then single floats.
inline void Move(float* dst, const float* src, int32_t n) {
  int32_t i = 0;
  for (; i + 4 <= n; i += 4)
    vst1q_f32(dst + i, src != nullptr ? vld1q_f32(src + i) : vdupq_n_f32(0));
  for (; i < n; ++i) dst[i] = src != nullptr ? src[i] : 0.0f;
}

}  // namespace

void Im2colNeon(const Im2col& g, int64_t r0, int64_t r1, float* a) {
  Im2colRows<&Move>(g, r0, r1, a);
}

}  // namespace posenet::fconv
