// What the AArch64 dense kernels share (include only from dense_conv_<level>.cc; the unnamed
// namespace gives each level its own copy, compiled with its own flags): the walk that gathers
// an output pixel's receptive field into a panel row, the loop over row chunks, panels and
// tiles, and the requantizing store of a tile row.
#pragma once

#include <arm_neon.h>

#include <cstdint>
#include <cstring>

#include "kernels/optimized/quantized/dense_gather.h"
#include "kernels/optimized/quantized_arm/dense_plan_arm.h"
#include "kernels/optimized/quantized_arm/requant_neon.h"

namespace posenet {
namespace {

// Output pixel `row`'s K values into dst (kh runs of kw * c, or one run per tap when the window
// crosses the input's edge): Move(dst, src, n, plan) converts n input bytes, Fill(dst, n, value)
// writes n padded taps. The K padding is left to the caller.
template <class T, void (*Move)(T*, const uint8_t*, int64_t, const ArmDensePlan&),
          void (*Fill)(T*, int64_t, int32_t)>
void GatherRow(const ArmDensePlan& p, const uint8_t* in, int64_t row, T* dst) {
  GatherWindow(
      p, in, row, dst, [&](T* d, const uint8_t* src, int64_t n) { Move(d, src, n, p); },
      [&](T* d, int64_t n) { Fill(d, n, p.pad_value); });
}

// Requantizes one tile row's 16 accumulators (channels col .. col + 15, of which `valid` are
// real) and stores them as bytes.
inline void StoreRow(const ArmDensePlan& p, const int32x4_t acc[4], int32_t col, int32_t valid,
                     uint8_t* dst) {
  const int32x4_t offset = vdupq_n_s32(p.output_offset);
  const int32x4_t lo = vdupq_n_s32(p.quant_min), hi = vdupq_n_s32(p.quant_max);
  int16x4_t q[4];
  for (int v = 0; v < 4; ++v) {
    const int c = col + 4 * v;
    const neon::RequantVectors r =
        neon::LoadRequant(p.multiplier + c, p.left_shift + c, p.neg_right_shift + c);
    const int32x4_t sum = vaddq_s32(acc[v], vld1q_s32(p.column_constant + c));
    // Clamped to the output type's range: the narrowing below keeps every value.
    q[v] = vmovn_s32(neon::Requantize(sum, r, offset, lo, hi));
  }
  const int16x8_t low = vcombine_s16(q[0], q[1]), high = vcombine_s16(q[2], q[3]);
  const uint8x16_t bytes = p.signed_io
                               ? vreinterpretq_u8_s8(vcombine_s8(vmovn_s16(low), vmovn_s16(high)))
                               : vcombine_u8(vmovn_u16(vreinterpretq_u16_s16(low)),
                                             vmovn_u16(vreinterpretq_u16_s16(high)));
  if (valid >= 16) {
    vst1q_u8(dst, bytes);
  } else {
    uint8_t staged[16];
    vst1q_u8(staged, bytes);
    std::memcpy(dst, staged, static_cast<size_t>(valid));
  }
}

// acc += pixel_scale * sum (wrapping, as all accumulation here: the exact result fits int32).
inline int32x4_t AddPixelTerm(int32x4_t acc, int32_t pixel_scale, int32_t sum) {
  const auto term =
      static_cast<int32_t>(static_cast<uint32_t>(pixel_scale) * static_cast<uint32_t>(sum));
  return vaddq_s32(acc, vdupq_n_s32(term));
}

// A tile's accumulators: 16 vectors, laid out as the level likes (neon and dotprod: [pixel]
// [4 channels]).
using TileAcc = int32x4_t[kArmTileRows][4];

// Row() of the levels whose TileAcc is [pixel][4 channels].
struct PixelMajorAcc {
  static void Row(const TileAcc& acc, int r, int32x4_t row[4]) {
    for (int v = 0; v < 4; ++v) row[v] = acc[r][v];
  }
};

// One tile of kArmTileRows pixels x 16 channels: Level::Multiply(acc, rows, kk, w) adds the
// products of k kk .. kk + 7 (w: their weights), Level::Row(acc, r, row) gives pixel r's 16
// channels as 4 vectors, to which levels with a pixel term (Level::kPixelTerm) add
// pixel_scale * sums[r] before the requantizing store.
template <class Level>
inline void RunTile(const ArmDensePlan& p, const typename Level::T* const* rows,
                    const int32_t* sums, const typename Level::T* w, int32_t col,
                    int32_t valid_channels, uint8_t* out, int64_t out_stride, int32_t valid_rows) {
  TileAcc acc;
  for (int r = 0; r < kArmTileRows; ++r) {
    for (int v = 0; v < 4; ++v) acc[r][v] = vdupq_n_s32(0);
  }
  for (int32_t kk = 0; kk < p.k_padded; kk += 8, w += 8 * kArmPanelWidth) {
    Level::Multiply(acc, rows, kk, w);
  }
  for (int r = 0; r < valid_rows; ++r) {
    int32x4_t row[4];
    Level::Row(acc, r, row);
    if constexpr (Level::kPixelTerm) {
      for (int v = 0; v < 4; ++v) row[v] = AddPixelTerm(row[v], p.pixel_scale, sums[r]);
    }
    StoreRow(p, row, col, valid_channels, out + r * out_stride);
  }
}

// The chunk / panel / tile loops. `Level` supplies the row element type T, GatherRow(plan, in,
// row, dst) returning the row's sum of x' (0 when the level has no pixel term), and what
// RunTile asks of it.
template <class Level>
void DriveDenseRows(const ArmDensePlan& p, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                    int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end) {
  using T = typename Level::T;
  const int64_t chunk = p.rows_per_chunk;
  auto* panel = reinterpret_cast<T*>(scratch);
  auto* sums = reinterpret_cast<int32_t*>(scratch + chunk * p.k_padded * int64_t{sizeof(T)});
  const int64_t panel_elems = int64_t{p.k_padded} * kArmPanelWidth;
  const auto* packed = static_cast<const T*>(p.packed);
  for (int64_t c0 = row_begin; c0 < row_end; c0 += chunk) {
    const int64_t n_rows = row_end - c0 < chunk ? row_end - c0 : chunk;
    for (int64_t i = 0; i < n_rows; ++i) {
      T* dst = panel + i * p.k_padded;
      sums[i] = Level::GatherRow(p, in, c0 + i, dst);
    }
    for (int32_t pi = panel_begin; pi < panel_end; ++pi) {
      const int32_t col = pi * kArmPanelWidth;
      const int32_t valid_channels =
          p.out_c - col < kArmPanelWidth ? p.out_c - col : kArmPanelWidth;
      for (int64_t t = 0; t < n_rows; t += kArmTileRows) {
        const int32_t valid =
            static_cast<int32_t>(n_rows - t < kArmTileRows ? n_rows - t : kArmTileRows);
        const T* rows[kArmTileRows];
        int32_t row_sums[kArmTileRows];
        for (int r = 0; r < kArmTileRows; ++r) {
          const int64_t i = t + (r < valid ? r : valid - 1);  // repeat the last row: no reads past
          rows[r] = panel + i * p.k_padded;
          row_sums[r] = sums[i];
        }
        RunTile<Level>(p, rows, row_sums, packed + pi * panel_elems, col, valid_channels,
                       out + (c0 + t) * p.out_c + col, p.out_c, valid);
      }
    }
  }
}

}  // namespace
}  // namespace posenet
