#include "kernels/optimized/quantized/requant_avx512.h"
#include "kernels/optimized/quantized/requant_batch.h"

namespace posenet {

void RequantizeBatchAvx512(const int32_t* acc, int64_t n, const int32_t* multiplier,
                           const int32_t* shift, int32_t output_offset, int32_t qmin, int32_t qmax,
                           int32_t* out) {
  const __m512i zero = _mm512_setzero_si512();
  const __m512i offset = _mm512_set1_epi32(output_offset);
  const __m512i lo = _mm512_set1_epi32(qmin), hi = _mm512_set1_epi32(qmax);
  for (int64_t i = 0; i < n; i += 16) {
    const __mmask16 k = n - i >= 16 ? __mmask16{0xFFFF} : __mmask16((1u << (n - i)) - 1);
    const __m512i s = _mm512_maskz_loadu_epi32(k, shift + i);
    const avx512::RequantVectors r{_mm512_maskz_loadu_epi32(k, multiplier + i),
                                   _mm512_max_epi32(s, zero),
                                   _mm512_max_epi32(_mm512_sub_epi32(zero, s), zero)};
    const __m512i q = avx512::Requantize(_mm512_maskz_loadu_epi32(k, acc + i), r, offset, lo, hi);
    _mm512_mask_storeu_epi32(out + i, k, q);
  }
}

}  // namespace posenet
