// AVX-512 im2col: each filter row's taps are one contiguous run of kw * c floats in NHWC when
// dilation is 1 and the row lies inside the input, moved with whole and masked vectors rather
// than a library call per tap (the first MobileNet layer has runs of 9 floats).
#include <immintrin.h>

#include "kernels/optimized/float/float_im2col_rows.h"
#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

constexpr int32_t kLanes = 16;

// n floats from src (null: zeros) to dst, whole vectors then one masked vector.
inline void Move(float* dst, const float* src, int32_t n) {
  int32_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    _mm512_storeu_ps(dst + i, src != nullptr ? _mm512_loadu_ps(src + i) : _mm512_setzero_ps());
  }
  if (i < n) {
    const __mmask16 mask = static_cast<__mmask16>((1u << (n - i)) - 1u);
    const __m512 v = src != nullptr ? _mm512_maskz_loadu_ps(mask, src + i) : _mm512_setzero_ps();
    _mm512_mask_storeu_ps(dst + i, mask, v);
  }
}

}  // namespace

void Im2colAvx512(const Im2col& g, int64_t r0, int64_t r1, float* a) {
  Im2colRows<&Move>(g, r0, r1, a);
}

}  // namespace posenet::fconv
