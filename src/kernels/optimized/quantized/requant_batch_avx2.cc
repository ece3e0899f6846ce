#include "kernels/optimized/quantized/requant_avx2.h"
#include "kernels/optimized/quantized/requant_batch.h"

namespace posenet {

void RequantizeBatchAvx2(const int32_t* acc, int64_t n, const int32_t* multiplier,
                         const int32_t* shift, int32_t output_offset, int32_t qmin, int32_t qmax,
                         int32_t* out) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i offset = _mm256_set1_epi32(output_offset);
  const __m256i lo = _mm256_set1_epi32(qmin), hi = _mm256_set1_epi32(qmax);
  int32_t a[8], m[8], s[8], q[8];
  for (int64_t i = 0; i < n; i += 8) {
    const int64_t lanes = n - i >= 8 ? 8 : n - i;
    for (int64_t j = 0; j < 8; ++j) {  // tail lanes padded with harmless values
      a[j] = j < lanes ? acc[i + j] : 0;
      m[j] = j < lanes ? multiplier[i + j] : 0;
      s[j] = j < lanes ? shift[i + j] : 0;
    }
    const __m256i sv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s));
    const avx2::RequantVectors r{_mm256_loadu_si256(reinterpret_cast<const __m256i*>(m)),
                                 _mm256_max_epi32(sv, zero),
                                 _mm256_max_epi32(_mm256_sub_epi32(zero, sv), zero)};
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(q),
                        avx2::Requantize(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a)), r,
                                         offset, lo, hi));
    for (int64_t j = 0; j < lanes; ++j) out[i + j] = q[j];
  }
}

}  // namespace posenet
