// TFLite's requantization (MultiplyByQuantizedMultiplier, + output zero point, clamp) on 4 int32
// lanes at once with Advanced SIMD, bit-exact with kernels/quantization.h:
// - SQRDMULH computes floor((2ab + 2^31) / 2^32): every product rounded half up, as gemmlowp's
//   SaturatingRoundingDoublingHighMul (whose nudge of -1/2 + 2^-31 and truncation toward zero
//   also send negative ties up), and INT32_MIN * INT32_MIN saturates to INT32_MAX as there;
// - SRSHL by -e rounds half up, RoundingDivideByPOT rounds half away from zero: adding -1 to
//   negative x first (saturating, so INT32_MIN stays put; it is a multiple of 2^e anyway) moves
//   exactly their ties down, and changes no other rounding.
// Include only from AArch64 kernel files (quantized_arm/*_neon.cc, *_dotprod.cc, *_i8mm.cc); the
// unnamed namespace gives each its own copy, compiled with its own flags.
#pragma once

#include <arm_neon.h>

#include <cstdint>

namespace posenet::neon {
namespace {

struct RequantVectors {
  int32x4_t multiplier;   // Q31
  int32x4_t left_shift;   // max(shift, 0)
  int32x4_t right_shift;  // -max(-shift, 0): shift counts for SRSHL, 0 or negative
};

inline RequantVectors LoadRequant(const int32_t* multiplier, const int32_t* left_shift,
                                  const int32_t* neg_right_shift) {
  return {vld1q_s32(multiplier), vld1q_s32(left_shift), vld1q_s32(neg_right_shift)};
}

inline int32x4_t MultiplyByQuantizedMultiplier(int32x4_t x, const RequantVectors& r) {
  // x * 2^left wraps in int32, as TFLite's int32 multiply does.
  const int32x4_t scaled = vqrdmulhq_s32(vshlq_s32(x, r.left_shift), r.multiplier);
  // Sign bit of (scaled & negative shift count): -1 for negative values that get shifted.
  const int32x4_t fixup = vshrq_n_s32(vandq_s32(scaled, r.right_shift), 31);
  return vrshlq_s32(vqaddq_s32(scaled, fixup), r.right_shift);
}

inline int32x4_t Requantize(int32x4_t acc, const RequantVectors& r, int32x4_t output_offset,
                            int32x4_t qmin, int32x4_t qmax) {
  const int32x4_t q = vaddq_s32(MultiplyByQuantizedMultiplier(acc, r), output_offset);
  return vminq_s32(vmaxq_s32(q, qmin), qmax);
}

}  // namespace
}  // namespace posenet::neon
