// Quantized CONV_2D on plain Advanced SIMD (every AArch64 CPU; a Raspberry Pi 4's Cortex-A72):
// panel rows hold x - zx and the weights w - zw, both widened to int16, and SMLAL by element
// adds exact 16 x 16 -> 32 bit products: a tile of 4 pixels x 16 channels takes 16 SMLAL per k.
#include <arm_neon.h>

#include <utility>

#include "kernels/optimized/quantized_arm/dense_plan_arm.h"
#include "kernels/optimized/quantized_arm/dense_rows_arm.h"

namespace posenet {
namespace {

// Multiply-adds k step J of the 8 in x (lane numbers must be constants).
template <int J>
inline void Step(TileAcc& acc, const int16x8_t (&x)[kArmTileRows], const int16_t* w) {
  const int16x8_t w0 = vld1q_s16(w + J * kArmPanelWidth);
  const int16x8_t w1 = vld1q_s16(w + J * kArmPanelWidth + 8);
  for (int r = 0; r < kArmTileRows; ++r) {
    acc[r][0] = vmlal_laneq_s16(acc[r][0], vget_low_s16(w0), x[r], J);
    acc[r][1] = vmlal_high_laneq_s16(acc[r][1], w0, x[r], J);
    acc[r][2] = vmlal_laneq_s16(acc[r][2], vget_low_s16(w1), x[r], J);
    acc[r][3] = vmlal_high_laneq_s16(acc[r][3], w1, x[r], J);
  }
}

struct Neon : PixelMajorAcc {
  using T = int16_t;
  static constexpr bool kPixelTerm = false;

  // dst[i] = src[i] - zx as int16, src read as uint8 or int8.
  static void Widen(int16_t* dst, const uint8_t* src, int64_t n, const ArmDensePlan& p) {
    const int32_t zx = p.zero_point;
    int64_t i = 0;
    if (p.signed_io) {
      const int8x8_t z = vdup_n_s8(static_cast<int8_t>(zx));
      for (; i + 8 <= n; i += 8) {
        vst1q_s16(dst + i, vsubl_s8(vld1_s8(reinterpret_cast<const int8_t*>(src + i)), z));
      }
      for (; i < n; ++i) dst[i] = static_cast<int16_t>(static_cast<int8_t>(src[i]) - zx);
    } else {
      // x - zx within [-255, 255]: the wrapped uint16 difference read as int16 is exact.
      const uint8x8_t z = vdup_n_u8(static_cast<uint8_t>(zx));
      for (; i + 8 <= n; i += 8) {
        vst1q_s16(dst + i, vreinterpretq_s16_u16(vsubl_u8(vld1_u8(src + i), z)));
      }
      for (; i < n; ++i) dst[i] = static_cast<int16_t>(src[i] - zx);
    }
  }
  static void Fill(int16_t* dst, int64_t n, int32_t value) {
    for (int64_t i = 0; i < n; ++i) dst[i] = static_cast<int16_t>(value);
  }

  static int32_t GatherRow(const ArmDensePlan& p, const uint8_t* in, int64_t row, int16_t* dst) {
    posenet::GatherRow<int16_t, &Widen, &Fill>(p, in, row, dst);
    Fill(dst + p.k, p.k_padded - p.k, 0);
    return 0;  // no pixel term at this level
  }

  static void Multiply(TileAcc& acc, const int16_t* const* rows, int32_t kk, const int16_t* w) {
    int16x8_t x[kArmTileRows];
    for (int r = 0; r < kArmTileRows; ++r) x[r] = vld1q_s16(rows[r] + kk);
    [&]<int... J>(std::integer_sequence<int, J...>) { (Step<J>(acc, x, w), ...); }
    (std::make_integer_sequence<int, 8>{});
  }
};

}  // namespace

void DenseConvNeon(const ArmDensePlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                   int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end) {
  DriveDenseRows<Neon>(plan, in, out, scratch, row_begin, row_end, panel_begin, panel_end);
}

}  // namespace posenet
