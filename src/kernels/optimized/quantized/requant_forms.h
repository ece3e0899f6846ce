// TFLite's requantization (MultiplyByQuantizedMultiplier, kernels/quantization.h) on the int32
// lanes of any level `L` (quantized_simd_*.h), bit for bit, and its two shorter exact forms.
// Include only from the level files (the unnamed namespace gives each its own copy, compiled
// with its flags).
//
// - kGeneral, any multiplier and shift. The doubling high product SRDHM(a, b) is the 64-bit
//   product plus 2^30 with bits 31..62 kept: this equals gemmlowp's "nudge then divide toward
//   zero" for both signs (floor((ab + 2^30) / 2^31) in every case), and the low 32 bits of a
//   logical shift equal those of an arithmetic one, so no 64-bit arithmetic shift is needed. The
//   one overflowing product, INT32_MIN * INT32_MIN, saturates to INT32_MAX. The rounding divide
//   by 2^e rounds half away from zero.
// - kSimple: every multiplier positive and not INT32_MIN, every shift a right shift e in
//   [1, 31], and |acc| + 2^30 within int32 (the plans check this). No saturation, and x / 2^e
//   rounded half away from zero is (x + 2^(e-1) - [x < 0]) >> e, which cannot overflow.
// - kRelu: the kSimple conditions, one shift for all channels and quant_min >= output_offset
//   (ReLU-like clamps). Exact whenever the result is >= 0, and <= 0 otherwise, which the clamp
//   turns into quant_min as it does the reference's. With 64-bit arithmetic shifts (AVX-512) the
//   two roundings merge (requant_relu_avx512.h); otherwise it is kSimple without the [x < 0].
// Every form returns the value before the output offset.
#pragma once

#include <cstdint>

#include "kernels/optimized/quantized/requant_arrays.h"

namespace posenet {
namespace {

enum class RequantMode { kGeneral, kSimple, kRelu };

// One vector's per-lane requantization constants, with what the short forms derive from them.
template <class L>
struct LaneRequant {
  typename L::Vec multiplier, multiplier_odd, left_shift, right_shift, half;
};

// The constants of lanes [lane, lane + L::kLanes).
template <class L>
inline LaneRequant<L> LoadLaneRequant(const RequantArrays& arrays, int64_t lane) {
  LaneRequant<L> r;
  r.multiplier = L::Load(arrays.multiplier + lane);
  r.multiplier_odd = L::OddLanes(r.multiplier);
  r.left_shift = L::Load(arrays.left_shift + lane);
  r.right_shift = L::Load(arrays.right_shift + lane);
  r.half = L::ShiftLeftVar(L::Set1(1), L::Sub(r.right_shift, L::Set1(1)));
  return r;
}

// Bits 31..62 of a * b + 2^30 per lane (even lanes shifted down by 31, odd lanes up by one into
// the high half); `b_odd` holds the odd lanes' b at the even lanes.
template <class L>
inline typename L::Vec HighProduct(typename L::Vec a, typename L::Vec b, typename L::Vec b_odd) {
  const typename L::Vec nudge = L::Set1Epi64(int64_t{1} << 30);
  const typename L::Vec even = L::Add64(L::MulEven(a, b), nudge);
  const typename L::Vec odd = L::Add64(L::MulEven(L::OddLanes(a), b_odd), nudge);
  return L::JoinProducts(even, odd);
}

template <class L>
inline typename L::Vec MultiplyByQuantizedMultiplier(typename L::Vec x, const LaneRequant<L>& r) {
  using Vec = typename L::Vec;
  const Vec shifted = L::ShiftLeftVar(x, r.left_shift);  // wraps as TFLite's int32 does
  const Vec int_min = L::Set1(INT32_MIN);
  const Vec product =
      L::Select(L::MaskAnd(L::CmpEq(shifted, int_min), L::CmpEq(r.multiplier, int_min)),
                L::Set1(INT32_MAX), HighProduct<L>(shifted, r.multiplier, r.multiplier_odd));
  // Rounding divide by 2^e: floor, plus one where the remainder exceeds (mask >> 1) + [x < 0].
  const Vec one = L::Set1(1);
  const Vec mask = L::Sub(L::ShiftLeftVar(one, r.right_shift), one);
  const Vec remainder = L::And(product, mask);
  const Vec threshold = L::Sub(L::HalveUnsigned(mask), L::SignOf(product));
  return L::AddOneWhere(L::ShiftRightArithVar(product, r.right_shift),
                        L::CmpGt(remainder, threshold));
}

// The kRelu form; `m_odd` holds the odd lanes' multipliers at the even lanes.
template <class L>
inline typename L::Vec RequantizeRelu(typename L::Vec acc, typename L::Vec m, typename L::Vec m_odd,
                                      const typename L::Relu& relu) {
  if constexpr (L::kShift64) {
    return L::RequantizeRelu(acc, m, m_odd, relu);
  } else {
    return L::ShiftRightArithVar(L::Add(HighProduct<L>(acc, m, m_odd), relu.half), relu.shift);
  }
}

template <RequantMode kMode, class L>
inline typename L::Vec Requantize(typename L::Vec acc, const LaneRequant<L>& r,
                                  const typename L::Relu& relu) {
  if constexpr (kMode == RequantMode::kGeneral) {
    return MultiplyByQuantizedMultiplier<L>(acc, r);
  } else if constexpr (kMode == RequantMode::kRelu) {
    return RequantizeRelu<L>(acc, r.multiplier, r.multiplier_odd, relu);
  } else {
    const typename L::Vec x = HighProduct<L>(acc, r.multiplier, r.multiplier_odd);
    return L::ShiftRightArithVar(L::Add(L::Add(x, r.half), L::SignOf(x)), r.right_shift);
  }
}

// out[i] = clamp(MultiplyByQuantizedMultiplier(acc[i], multiplier[i], shift[i]) +
// output_offset, qmin, qmax): requant_batch.h's entry points, through a small buffer.
template <class L>
void RequantizeBatch(const int32_t* acc, int64_t n, const int32_t* multiplier, const int32_t* shift,
                     int32_t output_offset, int32_t qmin, int32_t qmax, int32_t* out) {
  constexpr int kLanes = L::kLanes;
  alignas(64) int32_t a[kLanes], m[kLanes], left[kLanes], right[kLanes], q[kLanes];
  for (int64_t i = 0; i < n; i += kLanes) {
    const int64_t lanes = n - i < kLanes ? n - i : kLanes;
    for (int64_t j = 0; j < kLanes; ++j) {  // tail lanes padded with harmless values
      const int32_t s = j < lanes ? shift[i + j] : 0;
      a[j] = j < lanes ? acc[i + j] : 0;
      m[j] = j < lanes ? multiplier[i + j] : 0;
      left[j] = s > 0 ? s : 0;
      right[j] = s > 0 ? 0 : -s;
    }
    const LaneRequant<L> r = LoadLaneRequant<L>(RequantArrays{m, left, right}, 0);
    L::Store(q, L::Clamp(MultiplyByQuantizedMultiplier<L>(L::Load(a), r), L::Set1(output_offset),
                         L::Set1(qmin), L::Set1(qmax)));
    for (int64_t j = 0; j < lanes; ++j) out[i + j] = q[j];
  }
}

}  // namespace
}  // namespace posenet
