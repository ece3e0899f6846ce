// Panel rows of int8 x' for the dot product and matrix multiply kernels (include only from
// dense_conv_dotprod.cc and dense_conv_i8mm.cc, both compiled with the dot product
// instructions; the unnamed namespace gives each its own copy).
#pragma once

#include <arm_neon.h>

#include <cstdint>
#include <cstring>

#include "kernels/optimized/quantized_arm/dense_plan_arm.h"
#include "kernels/optimized/quantized_arm/dense_rows_arm.h"

namespace posenet {
namespace {

// x' = x - 128 for uint8 input (the sign bit flipped), x itself for int8.
inline void MoveInt8(int8_t* dst, const uint8_t* src, int64_t n, const ArmDensePlan& p) {
  if (p.signed_io) {
    std::memcpy(dst, src, static_cast<size_t>(n));
    return;
  }
  const uint8x16_t flip = vdupq_n_u8(0x80);
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    vst1q_s8(dst + i, vreinterpretq_s8_u8(veorq_u8(vld1q_u8(src + i), flip)));
  }
  for (; i < n; ++i) dst[i] = static_cast<int8_t>(src[i] ^ 0x80);
}

inline void FillInt8(int8_t* dst, int64_t n, int32_t value) {
  std::memset(dst, static_cast<int8_t>(value), static_cast<size_t>(n));
}

// Gathers output pixel `row` and returns the sum of its x' when the plan has a pixel term (the
// K padding is 0 and adds nothing).
inline int32_t GatherRowInt8(const ArmDensePlan& p, const uint8_t* in, int64_t row, int8_t* dst) {
  GatherRow<int8_t, &MoveInt8, &FillInt8>(p, in, row, dst);
  FillInt8(dst + p.k, p.k_padded - p.k, 0);
  if (p.pixel_scale == 0) return 0;
  const int8x16_t ones = vdupq_n_s8(1);
  int32x4_t sum = vdupq_n_s32(0);
  int32_t i = 0;
  for (; i + 16 <= p.k_padded; i += 16) sum = vdotq_s32(sum, vld1q_s8(dst + i), ones);
  int32x2_t rest = vdup_n_s32(0);
  if (i < p.k_padded) rest = vdot_s32(rest, vld1_s8(dst + i), vget_low_s8(ones));  // 8 left
  return vaddvq_s32(sum) + vaddv_s32(rest);
}

// The row half of a DriveDenseRows level for the dot product and matrix multiply kernels.
struct Int8Rows {
  using T = int8_t;
  static constexpr bool kPixelTerm = true;
  static int32_t GatherRow(const ArmDensePlan& p, const uint8_t* in, int64_t row, int8_t* dst) {
    return GatherRowInt8(p, in, row, dst);
  }
};

}  // namespace
}  // namespace posenet
