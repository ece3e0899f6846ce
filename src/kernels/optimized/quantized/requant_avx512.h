// TFLite's requantization (MultiplyByQuantizedMultiplier, + output zero point, clamp) on 16
// int32 lanes at once, bit-exact with kernels/quantization.h. Include only from *_avx512.cc.
//
// SRDHM: the 64-bit product plus 2^30, bits 31..62 kept; this equals gemmlowp's "nudge then
// divide toward zero" for both signs (floor((ab + 2^30) / 2^31) in every case), and the low
// 32 bits of a logical shift equal those of an arithmetic one, so no 64-bit arithmetic shift
// is needed. The one overflowing product, INT32_MIN * INT32_MIN, saturates to INT32_MAX.
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace posenet::avx512 {

// Per-lane requantization parameters, shifts split once at prepare time.
struct RequantVectors {
  __m512i multiplier;   // Q31
  __m512i left_shift;   // max(shift, 0)
  __m512i right_shift;  // max(-shift, 0)
};

inline __m512i SaturatingRoundingDoublingHighMul(__m512i a, __m512i b) {
  const __m512i nudge = _mm512_set1_epi64(int64_t{1} << 30);
  const __m512i even = _mm512_add_epi64(_mm512_mul_epi32(a, b), nudge);
  const __m512i odd =
      _mm512_add_epi64(_mm512_mul_epi32(_mm512_srli_epi64(a, 32), _mm512_srli_epi64(b, 32)), nudge);
  const __m512i even_high = _mm512_srli_epi64(even, 31);  // result in low halves
  const __m512i odd_high = _mm512_slli_epi64(_mm512_srli_epi64(odd, 31), 32);  // in high halves
  __m512i result = _mm512_mask_blend_epi32(0xAAAA, even_high, odd_high);
  const __m512i int_min = _mm512_set1_epi32(INT32_MIN);
  const __mmask16 overflow =
      _mm512_cmpeq_epi32_mask(a, int_min) & _mm512_cmpeq_epi32_mask(b, int_min);
  return _mm512_mask_mov_epi32(result, overflow, _mm512_set1_epi32(INT32_MAX));
}

// x / 2^exponent rounded half away from zero, exponent in [0, 31] per lane.
inline __m512i RoundingDivideByPOT(__m512i x, __m512i exponent) {
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, exponent), one);
  const __m512i remainder = _mm512_and_si512(x, mask);
  // (mask >> 1) + (x < 0 ? 1 : 0); srai(x, 31) is -1 for negative x.
  const __m512i threshold = _mm512_sub_epi32(_mm512_srli_epi32(mask, 1), _mm512_srai_epi32(x, 31));
  const __m512i floor = _mm512_srav_epi32(x, exponent);
  return _mm512_mask_add_epi32(floor, _mm512_cmpgt_epi32_mask(remainder, threshold), floor, one);
}

inline __m512i MultiplyByQuantizedMultiplier(__m512i x, const RequantVectors& r) {
  const __m512i shifted = _mm512_sllv_epi32(x, r.left_shift);  // wraps as TFLite's int32 does
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(shifted, r.multiplier),
                             r.right_shift);
}

// The whole output rule: requantize, add the output zero point, clamp to [qmin, qmax].
inline __m512i Requantize(__m512i acc, const RequantVectors& r, __m512i output_offset, __m512i qmin,
                          __m512i qmax) {
  const __m512i q = _mm512_add_epi32(MultiplyByQuantizedMultiplier(acc, r), output_offset);
  return _mm512_min_epi32(_mm512_max_epi32(q, qmin), qmax);
}

}  // namespace posenet::avx512
