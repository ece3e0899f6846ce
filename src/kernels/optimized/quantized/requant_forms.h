// The three requantizations of the quantized drivers, on any level `L` (quantized_simd_*.h),
// each returning TFLite's MultiplyByQuantizedMultiplier(acc) before the output offset:
// - kGeneral: requant_avx512.h / requant_avx2.h, any multiplier and shift.
// - kSimple: when the plan checked that every multiplier is positive and not INT32_MIN, every
//   shift a right shift e in [1, 31], and |acc| + 2^30 within int32. The doubling high product
//   is then bits 31..62 of acc * m + 2^30 (even lanes shifted down by 31, odd lanes up by one
//   into the high half, one blend), and x / 2^e rounded half away from zero is
//   (x + 2^(e-1) - [x < 0]) >> e, which cannot overflow under the bound.
// - kRelu: the kSimple conditions, one shift for all channels and quant_min >= output_offset
//   (ReLU-like clamps): exact whenever the result is >= 0 and otherwise <= 0, which the clamp
//   turns into quant_min as it does the reference's (requant_relu_avx512.h; Avx2Level's form).
// Include only from level files, after the level's header.
#pragma once

#include <cstdint>

namespace posenet {
namespace {

enum class RequantMode { kGeneral, kSimple, kRelu };

// One vector's per-lane requantization constants, with what the short forms derive from them.
template <class L>
struct LaneRequant {
  typename L::Vec multiplier, multiplier_odd, left_shift, right_shift, half;
};

template <class L>
inline LaneRequant<L> LoadLaneRequant(const int32_t* multiplier, const int32_t* left_shift,
                                      const int32_t* right_shift) {
  LaneRequant<L> r;
  r.multiplier = L::Load(multiplier);
  r.multiplier_odd = L::OddLanes(r.multiplier);
  r.left_shift = L::Load(left_shift);
  r.right_shift = L::Load(right_shift);
  r.half = L::Half(r.right_shift);
  return r;
}

template <RequantMode kMode, class L>
inline typename L::Vec Requantize(typename L::Vec acc, const LaneRequant<L>& r,
                                  const typename L::Relu& relu) {
  if constexpr (kMode == RequantMode::kRelu) {
    return L::RequantizeRelu(acc, r.multiplier, r.multiplier_odd, relu);
  } else if constexpr (kMode == RequantMode::kSimple) {
    return L::RequantizeSimple(acc, r.multiplier, r.multiplier_odd, r.half, r.right_shift);
  } else {
    return L::MultiplyByQuantizedMultiplier(
        acc, typename L::RequantVectors{r.multiplier, r.left_shift, r.right_shift});
  }
}

}  // namespace
}  // namespace posenet
