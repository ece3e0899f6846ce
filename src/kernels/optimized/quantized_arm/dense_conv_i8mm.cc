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
  static void Tile(const ArmDensePlan& p, const int8_t* const* rows, const int32_t* sums,
                   const int8_t* w, int32_t col, int32_t valid_channels, uint8_t* out,
                   int64_t out_stride, int32_t valid_rows) {
    // acc[pair][channel pair] = {p0 c0, p0 c1, p1 c0, p1 c1} for pixels 2 * pair and 2 * pair + 1.
    int32x4_t acc[kPairs][8];
    for (int i = 0; i < kPairs; ++i) {
      for (int c = 0; c < 8; ++c) acc[i][c] = vdupq_n_s32(0);
    }
    for (int32_t kk = 0; kk < p.k_padded; kk += 8, w += 8 * kArmPanelWidth) {
      int8x16_t a[kPairs];
      for (int i = 0; i < kPairs; ++i) {
        a[i] = vcombine_s8(vld1_s8(rows[2 * i] + kk), vld1_s8(rows[2 * i + 1] + kk));
      }
      for (int c = 0; c < 8; ++c) {
        const int8x16_t b = vld1q_s8(w + 16 * c);
        for (int i = 0; i < kPairs; ++i) acc[i][c] = vmmlaq_s32(acc[i][c], a[i], b);
      }
    }
    for (int r = 0; r < valid_rows; ++r) {
      const int i = r / 2;
      int32x4_t row[4];
      for (int v = 0; v < 4; ++v) {
        const int64x2_t even = vreinterpretq_s64_s32(acc[i][2 * v]);
        const int64x2_t odd = vreinterpretq_s64_s32(acc[i][2 * v + 1]);
        // Channels 4v, 4v + 1 from the first pair, 4v + 2, 4v + 3 from the second.
        row[v] = vreinterpretq_s32_s64(r % 2 == 0 ? vzip1q_s64(even, odd) : vzip2q_s64(even, odd));
        row[v] = AddPixelTerm(row[v], p.pixel_scale, sums[r]);
      }
      StoreRow(p, row, col, valid_channels, out + r * out_stride);
    }
  }
};

}  // namespace

void DenseConvI8mm(const ArmDensePlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                   int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end) {
  DriveDenseRows<I8mm>(plan, in, out, scratch, row_begin, row_end, panel_begin, panel_end);
}

}  // namespace posenet
