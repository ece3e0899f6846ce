// TFLite's requantization (MultiplyByQuantizedMultiplier, + output zero point, clamp) on 4 int32
// lanes of WebAssembly SIMD128, bit-exact with kernels/quantization.h. Include only from
// *_wasm.cc. SIMD128 shifts take one count for all lanes, so the vector path needs every lane's
// shift to be the same (true of per-tensor quantized models); per-channel shifts that differ
// take the scalar rule lane by lane.
#pragma once

#include <wasm_simd128.h>

#include <cstdint>

#include "kernels/quantization.h"

namespace posenet::wasm {

// The shifts of a run of channels: one left and one right shift for all of them, or none.
struct UniformShift {
  bool uniform = false;
  int32_t left = 0;   // max(shift, 0)
  int32_t right = 0;  // max(-shift, 0)
};

// Whether `n` channels share their shift (left/right parts as stored in the plans).
inline UniformShift FindUniformShift(const int32_t* left_shift, const int32_t* right_shift,
                                     int64_t n) {
  UniformShift s{true, n > 0 ? left_shift[0] : 0, n > 0 ? right_shift[0] : 0};
  for (int64_t i = 1; i < n; ++i) {
    if (left_shift[i] != s.left || right_shift[i] != s.right) s.uniform = false;
  }
  return s;
}

// (a * b + 2^30) >> 31 per lane on exact 64-bit products, INT32_MIN * INT32_MIN saturating to
// INT32_MAX: gemmlowp's rounding (its sign-dependent nudge with truncation equals this floor).
inline v128_t SaturatingRoundingDoublingHighMul(v128_t a, v128_t b) {
  const v128_t nudge = wasm_i64x2_splat(int64_t{1} << 30);
  const v128_t lo = wasm_i64x2_shr(wasm_i64x2_add(wasm_i64x2_extmul_low_i32x4(a, b), nudge), 31);
  const v128_t hi = wasm_i64x2_shr(wasm_i64x2_add(wasm_i64x2_extmul_high_i32x4(a, b), nudge), 31);
  const v128_t result = wasm_i32x4_shuffle(lo, hi, 0, 2, 4, 6);
  const v128_t int_min = wasm_i32x4_splat(INT32_MIN);
  const v128_t overflow = wasm_v128_and(wasm_i32x4_eq(a, int_min), wasm_i32x4_eq(b, int_min));
  return wasm_v128_bitselect(wasm_i32x4_splat(INT32_MAX), result, overflow);
}

// Division by 2^exponent rounding half away from zero (gemmlowp's RoundingDivideByPOT).
inline v128_t RoundingDivideByPOT(v128_t x, int32_t exponent) {
  const int32_t mask_value = static_cast<int32_t>((uint32_t{1} << exponent) - 1);
  const v128_t mask = wasm_i32x4_splat(mask_value);
  const v128_t remainder = wasm_v128_and(x, mask);
  // mask / 2, plus one for negative x (x >> 31 is -1 there).
  const v128_t threshold = wasm_i32x4_sub(wasm_i32x4_splat(mask_value >> 1), wasm_i32x4_shr(x, 31));
  // gt gives -1 where the remainder exceeds the threshold: subtracting it adds one.
  return wasm_i32x4_sub(wasm_i32x4_shr(x, exponent), wasm_i32x4_gt(remainder, threshold));
}

// clamp(MultiplyByQuantizedMultiplier(acc, multiplier, shift) + offset, lo, hi) per lane.
// `channel` indexes the per-channel arrays for the lanes' scalar fallback.
inline v128_t Requantize(v128_t acc, const int32_t* multiplier, const int32_t* left_shift,
                         const int32_t* right_shift, const UniformShift& shift, v128_t offset,
                         v128_t lo, v128_t hi) {
  v128_t q;
  if (shift.uniform) {
    const v128_t m = wasm_v128_load(multiplier);
    q = RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(wasm_i32x4_shl(acc, shift.left), m),
                            shift.right);
  } else {
    alignas(16) int32_t a[4];
    wasm_v128_store(a, acc);
    for (int i = 0; i < 4; ++i) {
      a[i] = MultiplyByQuantizedMultiplier(a[i], multiplier[i], left_shift[i] - right_shift[i]);
    }
    q = wasm_v128_load(a);
  }
  return wasm_i32x4_min(wasm_i32x4_max(wasm_i32x4_add(q, offset), lo), hi);
}

}  // namespace posenet::wasm
