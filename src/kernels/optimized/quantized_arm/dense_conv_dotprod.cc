// Quantized CONV_2D with the Armv8.2 dot product instructions (Cortex-A76, Neoverse N1 and
// later): SDOT by element adds four int8 products to each int32 lane, so a tile of 4 pixels x 16
// channels takes 16 SDOT per 4 k (a quarter of the plain NEON level's multiply-adds).
#include <arm_neon.h>

#include "kernels/optimized/quantized_arm/dense_gather_int8_arm.h"
#include "kernels/optimized/quantized_arm/dense_plan_arm.h"
#include "kernels/optimized/quantized_arm/dense_rows_arm.h"

namespace posenet {
namespace {

struct Dotprod : Int8Rows, PixelMajorAcc {
  // Weights [k / 4][16 channels][4 k]: 64 bytes per 4 k, channels 4v..4v+3 at byte 16v.
  static void Multiply(TileAcc& acc, const int8_t* const* rows, int32_t kk, const int8_t* w) {
    int8x8_t x[kArmTileRows];
    for (int r = 0; r < kArmTileRows; ++r) x[r] = vld1_s8(rows[r] + kk);
    int8x16_t w0[4], w1[4];
    for (int v = 0; v < 4; ++v) {
      w0[v] = vld1q_s8(w + 16 * v);
      w1[v] = vld1q_s8(w + 64 + 16 * v);
    }
    for (int r = 0; r < kArmTileRows; ++r) {
      for (int v = 0; v < 4; ++v) {
        acc[r][v] = vdotq_lane_s32(acc[r][v], w0[v], x[r], 0);
        acc[r][v] = vdotq_lane_s32(acc[r][v], w1[v], x[r], 1);
      }
    }
  }
};

}  // namespace

void DenseConvDotprod(const ArmDensePlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                      int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end) {
  DriveDenseRows<Dotprod>(plan, in, out, scratch, row_begin, row_end, panel_begin, panel_end);
}

}  // namespace posenet
