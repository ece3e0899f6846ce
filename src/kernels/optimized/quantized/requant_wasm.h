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

// x << count and x >> count (arithmetic) per lane, the count known at run time only. Clang 14
// hoists the count's splat out of loops, after which its WebAssembly backend no longer sees a
// splat and shifts lane by lane (4 extracts, 4 scalar shifts, 4 replaces); the empty asm
// statement keeps the count a scalar in the shift's own block.
inline v128_t ShiftLeft(v128_t x, int32_t count) {
  __asm__ volatile("" : "+r"(count));
  return wasm_i32x4_shl(x, count);
}
inline v128_t ShiftRight(v128_t x, int32_t count) {
  __asm__ volatile("" : "+r"(count));
  return wasm_i32x4_shr(x, count);
}

// Bits 31..62 of a * b + 2^30 per lane: the low 32 bits of a logical 64-bit shift equal those
// of an arithmetic one, and V8 has no single x64 instruction for the arithmetic i64x2 shift.
inline v128_t HighProduct(v128_t a, v128_t b) {
  const v128_t nudge = wasm_i64x2_splat(int64_t{1} << 30);
  const v128_t lo = wasm_u64x2_shr(wasm_i64x2_add(wasm_i64x2_extmul_low_i32x4(a, b), nudge), 31);
  const v128_t hi = wasm_u64x2_shr(wasm_i64x2_add(wasm_i64x2_extmul_high_i32x4(a, b), nudge), 31);
  return wasm_i32x4_shuffle(lo, hi, 0, 2, 4, 6);
}

// (a * b + 2^30) >> 31 per lane on exact 64-bit products, INT32_MIN * INT32_MIN saturating to
// INT32_MAX: gemmlowp's rounding (its sign-dependent nudge with truncation equals this floor).
inline v128_t SaturatingRoundingDoublingHighMul(v128_t a, v128_t b) {
  const v128_t int_min = wasm_i32x4_splat(INT32_MIN);
  const v128_t overflow = wasm_v128_and(wasm_i32x4_eq(a, int_min), wasm_i32x4_eq(b, int_min));
  return wasm_v128_bitselect(wasm_i32x4_splat(INT32_MAX), HighProduct(a, b), overflow);
}

// Division by 2^exponent rounding half away from zero (gemmlowp's RoundingDivideByPOT).
inline v128_t RoundingDivideByPOT(v128_t x, int32_t exponent) {
  const int32_t mask_value = static_cast<int32_t>((uint32_t{1} << exponent) - 1);
  const v128_t mask = wasm_i32x4_splat(mask_value);
  const v128_t remainder = wasm_v128_and(x, mask);
  // mask / 2, plus one for negative x (x >> 31 is -1 there).
  const v128_t threshold = wasm_i32x4_sub(wasm_i32x4_splat(mask_value >> 1), wasm_i32x4_shr(x, 31));
  // gt gives -1 where the remainder exceeds the threshold: subtracting it adds one.
  return wasm_i32x4_sub(ShiftRight(x, exponent), wasm_i32x4_gt(remainder, threshold));
}

// The requantization forms of requant_forms.h, chosen once per plan: kSimple and kRelu need a
// uniform right shift (UniformShift with left == 0, right in 1..31) and the plan's
// simple_requant (and, for kRelu, relu_shift) conditions.
enum class Form { kGeneral, kSimple, kRelu };

// The shortest exact form a plan allows on this level.
inline Form ChooseForm(bool simple_requant, int32_t relu_shift, const UniformShift& shift) {
  if (!simple_requant || !shift.uniform || shift.left != 0 || shift.right < 1)
    return Form::kGeneral;
  return relu_shift > 0 ? Form::kRelu : Form::kSimple;
}

// MultiplyByQuantizedMultiplier(acc, multiplier, shift) per lane (kRelu: see below). The arrays
// point at the 4 lanes' constants (the non-uniform path reads them one by one).
template <Form kForm>
inline v128_t Scale(v128_t acc, const int32_t* multiplier, const int32_t* left_shift,
                    const int32_t* right_shift, const UniformShift& shift) {
  v128_t q;
  if constexpr (kForm == Form::kRelu) {
    // Exact when the result is >= 0, and <= 0 otherwise: the clamp at or above the output zero
    // point makes both quant_min, as the reference does.
    const v128_t half = wasm_i32x4_splat(int32_t{1} << (shift.right - 1));
    q = ShiftRight(wasm_i32x4_add(HighProduct(acc, wasm_v128_load(multiplier)), half), shift.right);
  } else if constexpr (kForm == Form::kSimple) {
    // x / 2^e rounded half away from zero is (x + 2^(e-1) - [x < 0]) >> e, without overflow.
    const v128_t x = HighProduct(acc, wasm_v128_load(multiplier));
    const v128_t half = wasm_i32x4_splat(int32_t{1} << (shift.right - 1));
    q = ShiftRight(wasm_i32x4_add(wasm_i32x4_add(x, half), wasm_i32x4_shr(x, 31)), shift.right);
  } else if (shift.uniform) {
    const v128_t m = wasm_v128_load(multiplier);
    q = RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(ShiftLeft(acc, shift.left), m),
                            shift.right);
  } else {
    alignas(16) int32_t a[4];
    wasm_v128_store(a, acc);
    for (int i = 0; i < 4; ++i) {
      a[i] = MultiplyByQuantizedMultiplier(a[i], multiplier[i], left_shift[i] - right_shift[i]);
    }
    q = wasm_v128_load(a);
  }
  return q;
}

// clamp(MultiplyByQuantizedMultiplier(acc, multiplier, shift) + offset, lo, hi) per lane.
template <Form kForm = Form::kGeneral>
inline v128_t Requantize(v128_t acc, const int32_t* multiplier, const int32_t* left_shift,
                         const int32_t* right_shift, const UniformShift& shift, v128_t offset,
                         v128_t lo, v128_t hi) {
  const v128_t q = Scale<kForm>(acc, multiplier, left_shift, right_shift, shift);
  return wasm_i32x4_min(wasm_i32x4_max(wasm_i32x4_add(q, offset), lo), hi);
}

// The output zero point and clamp, as int32, int16 and byte lanes.
struct OutputRange {
  v128_t offset, offset16, lo8, hi8;
  OutputRange(int32_t output_offset, int32_t quant_min, int32_t quant_max)
      : offset(wasm_i32x4_splat(output_offset)),
        offset16(wasm_i16x8_splat(static_cast<int16_t>(output_offset))),
        lo8(wasm_i8x16_splat(static_cast<int8_t>(quant_min))),
        hi8(wasm_i8x16_splat(static_cast<int8_t>(quant_max))) {}
};

// 8 output bytes (the low half; the high half repeats them) from 8 Scale() lanes: + offset and
// clamp in 5 operations instead of 9 on int32 lanes. The narrowing packs and the int16 add
// saturate, which keeps a value outside the output range outside it; the short forms' values
// and offsets fit int16 sums without wrapping. kGeneral's int32 add wraps as the reference's
// does, so it stays in int32.
template <Form kForm, bool kSigned>
inline v128_t ToBytes(v128_t q0, v128_t q1, const OutputRange& r) {
  if constexpr (kForm == Form::kGeneral) {
    q0 = wasm_i32x4_add(q0, r.offset), q1 = wasm_i32x4_add(q1, r.offset);
  }
  v128_t words = wasm_i16x8_narrow_i32x4(q0, q1);
  if constexpr (kForm != Form::kGeneral) words = wasm_i16x8_add_sat(words, r.offset16);
  if constexpr (kSigned) {
    return wasm_i8x16_min(wasm_i8x16_max(wasm_i8x16_narrow_i16x8(words, words), r.lo8), r.hi8);
  } else {
    return wasm_u8x16_min(wasm_u8x16_max(wasm_u8x16_narrow_i16x8(words, words), r.lo8), r.hi8);
  }
}

}  // namespace posenet::wasm
