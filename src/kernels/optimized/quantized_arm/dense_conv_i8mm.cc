// Quantized CONV_2D with the Armv8.6 int8 matrix multiply instructions (Neoverse V1/N2,
// Cortex-A510/A710 and later): SMMLA multiplies a 2 x 8 block of two pixels' inputs by an 8 x 2
// block of two channels' weights into 2 x 2 int32 sums, 32 products per instruction, so a tile
// of 4 pixels x 16 channels takes 16 SMMLA per 8 k (half the dot product level's instructions).
#include <arm_neon.h>

#include "kernels/optimized/quantized_arm/dense_gather_int8_arm.h"
#include "kernels/optimized/quantized_arm/dense_plan_arm.h"
#include "kernels/optimized/quantized_arm/dense_rows_arm.h"

namespace posenet {
namespace {

static_assert(kArmTileRows % 2 == 0, "SMMLA takes pixels in pairs");
constexpr int kPairs = kArmTileRows / 2;

struct I8mm : Int8Rows {
  // Weights [k / 8][8 channel pairs][2 channels][8 k]: 128 bytes per 8 k.
  // The accumulator of pixel pair i (pixels 2i, 2i + 1) and channel pair c: {p0 c0, p0 c1,
  // p1 c0, p1 c1}. TileAcc's 16 vectors hold them in order, pair by pair.
  static int32x4_t& Pair(TileAcc& acc, int i, int c) { return acc[2 * i + c / 4][c % 4]; }

  static void Multiply(TileAcc& acc, const int8_t* const* rows, int32_t kk, const int8_t* w) {
    int8x16_t a[kPairs];
    for (int i = 0; i < kPairs; ++i) {
      a[i] = vcombine_s8(vld1_s8(rows[2 * i] + kk), vld1_s8(rows[2 * i + 1] + kk));
    }
    for (int c = 0; c < 8; ++c) {
      const int8x16_t b = vld1q_s8(w + 16 * c);
      for (int i = 0; i < kPairs; ++i) Pair(acc, i, c) = vmmlaq_s32(Pair(acc, i, c), a[i], b);
    }
  }
  static void Row(TileAcc& acc, int r, int32x4_t row[4]) {
    for (int v = 0; v < 4; ++v) {
      const int64x2_t even = vreinterpretq_s64_s32(Pair(acc, r / 2, 2 * v));
      const int64x2_t odd = vreinterpretq_s64_s32(Pair(acc, r / 2, 2 * v + 1));
      // Channels 4v, 4v + 1 from the first pair, 4v + 2, 4v + 3 from the second.
      row[v] = vreinterpretq_s32_s64(r % 2 == 0 ? vzip1q_s64(even, odd) : vzip2q_s64(even, odd));
    }
  }
};

}  // namespace

void DenseConvI8mm(const ArmDensePlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                   int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end) {
  DriveDenseRows<I8mm>(plan, in, out, scratch, row_begin, row_end, panel_begin, panel_end);
}

}  // namespace posenet
