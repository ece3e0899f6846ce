// TFLite's requantization (MultiplyByQuantizedMultiplier, + output zero point, clamp) on 8
// int32 lanes at once, bit-exact with kernels/quantization.h. Include only from *_avx2.cc and the
// avxvnni files.
// Same arithmetic as requant_avx512.h (see there for why it matches gemmlowp). The unnamed
// namespace gives each including file its own copy: the avxvnni files compile these with other
// flags, and no such copy may be the one an AVX2 caller links to.
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace posenet::avx2 {
namespace {

struct RequantVectors {
  __m256i multiplier;   // Q31
  __m256i left_shift;   // max(shift, 0)
  __m256i right_shift;  // max(-shift, 0)
};

inline __m256i SaturatingRoundingDoublingHighMul(__m256i a, __m256i b) {
  const __m256i nudge = _mm256_set1_epi64x(int64_t{1} << 30);
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(a, b), nudge);
  const __m256i odd =
      _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(a, 32), _mm256_srli_epi64(b, 32)), nudge);
  const __m256i even_high = _mm256_srli_epi64(even, 31);
  const __m256i odd_high = _mm256_slli_epi64(_mm256_srli_epi64(odd, 31), 32);
  const __m256i result = _mm256_blend_epi32(even_high, odd_high, 0xAA);
  const __m256i int_min = _mm256_set1_epi32(INT32_MIN);
  const __m256i overflow =
      _mm256_and_si256(_mm256_cmpeq_epi32(a, int_min), _mm256_cmpeq_epi32(b, int_min));
  return _mm256_blendv_epi8(result, _mm256_set1_epi32(INT32_MAX), overflow);
}

inline __m256i RoundingDivideByPOT(__m256i x, __m256i exponent) {
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, exponent), one);
  const __m256i remainder = _mm256_and_si256(x, mask);
  const __m256i threshold = _mm256_sub_epi32(_mm256_srli_epi32(mask, 1), _mm256_srai_epi32(x, 31));
  const __m256i floor = _mm256_srav_epi32(x, exponent);
  // cmpgt gives -1 where the remainder exceeds the threshold: subtracting it adds one.
  return _mm256_sub_epi32(floor, _mm256_cmpgt_epi32(remainder, threshold));
}

inline __m256i MultiplyByQuantizedMultiplier(__m256i x, const RequantVectors& r) {
  const __m256i shifted = _mm256_sllv_epi32(x, r.left_shift);
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(shifted, r.multiplier),
                             r.right_shift);
}

inline __m256i Requantize(__m256i acc, const RequantVectors& r, __m256i output_offset, __m256i qmin,
                          __m256i qmax) {
  const __m256i q = _mm256_add_epi32(MultiplyByQuantizedMultiplier(acc, r), output_offset);
  return _mm256_min_epi32(_mm256_max_epi32(q, qmin), qmax);
}

}  // namespace
}  // namespace posenet::avx2
