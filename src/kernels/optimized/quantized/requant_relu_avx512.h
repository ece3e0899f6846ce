// A shorter exact requantization for layers whose clamp floor is at or above the output zero
// point (ReLU and ReLU6 layers: quant_min >= output_offset), whose channels all shift right by
// the same e in [1, 31], and whose multipliers are not INT32_MIN (a lane may use -m to
// requantize -acc). Include only from *_avx512.cc.
//
// TFLite computes x = floor((acc * m + 2^30) / 2^31), then rounds x / 2^e half away from zero.
// For x >= 0 that is floor((x + 2^(e-1)) / 2^e) = floor((acc * m + 2^30 + 2^(30+e)) / 2^(31+e))
// (nested floors by integers merge), one 64-bit add and arithmetic shift (|acc * m| < 2^62, so
// nothing overflows). For x < 0 the reference gives a value <= 0 and so does this formula; both
// land at or below the zero point and the clamp turns both into quant_min. The even lanes keep
// the quotient in their low halves; the odd ones shift by 32 less, leaving it in the high
// halves, so one blend joins them.
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace posenet::avx512 {

struct ReluRequant {
  __m512i round;       // 2^30 + 2^(30+e) per 64-bit lane
  __m512i even_shift;  // 31 + e
  __m512i odd_shift;   // e - 1
};

inline ReluRequant MakeReluRequant(int32_t e) {
  return ReluRequant{_mm512_set1_epi64((int64_t{1} << 30) + (int64_t{1} << (30 + e))),
                     _mm512_set1_epi64(31 + e), _mm512_set1_epi64(e - 1)};
}

// The requantized value before the output offset (exact whenever it is >= 0). `m_even` holds
// lane 2j's multiplier in the low half of 64-bit lane j, `m_odd` lane 2j+1's.
inline __m512i RequantizeRelu(__m512i acc, __m512i m_even, __m512i m_odd, const ReluRequant& c) {
  // Zero-masked forms with full masks (same instructions): GCC 12 reports the plain forms'
  // undefined pass-through source as uninitialized in some inlining contexts.
  const __mmask8 all = 0xFF;
  const __m512i even = _mm512_maskz_srav_epi64(
      all, _mm512_maskz_add_epi64(all, _mm512_maskz_mul_epi32(all, acc, m_even), c.round),
      c.even_shift);
  const __m512i odd_acc = _mm512_maskz_srli_epi64(all, acc, 32);
  const __m512i odd = _mm512_maskz_srav_epi64(
      all, _mm512_maskz_add_epi64(all, _mm512_maskz_mul_epi32(all, odd_acc, m_odd), c.round),
      c.odd_shift);
  return _mm512_mask_blend_epi32(0xAAAA, even, odd);
}

}  // namespace posenet::avx512
