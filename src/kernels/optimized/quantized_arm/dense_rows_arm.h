// What the AArch64 dense kernels share (include only from dense_conv_<level>.cc; the unnamed
// namespace gives each level its own copy, compiled with its own flags): the walk that gathers
// an output pixel's receptive field into a panel row, the loop over row chunks, panels and
// tiles, and the requantizing store of a tile row.
#pragma once

#include <arm_neon.h>

#include <cstdint>
#include <cstring>

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
  const int32_t ox = static_cast<int32_t>(row % p.out_w);
  const int64_t rest = row / p.out_w;
  const int32_t oy = static_cast<int32_t>(rest % p.out_h);
  const int64_t b = rest / p.out_h;
  const int32_t iy0 = oy * p.stride_h - p.pad_top, ix0 = ox * p.stride_w - p.pad_left;
  const int64_t tap_row = int64_t{p.kw} * p.in_c;
  const bool x_inside = p.dilation_w == 1 && ix0 >= 0 && ix0 + p.kw <= p.in_w;
  for (int32_t fy = 0; fy < p.kh; ++fy) {
    T* d = dst + fy * tap_row;
    const int32_t iy = iy0 + fy * p.dilation_h;
    if (iy < 0 || iy >= p.in_h) {
      Fill(d, tap_row, p.pad_value);
      continue;
    }
    const uint8_t* src_row = in + ((b * p.in_h + iy) * p.in_w) * p.in_c;
    if (x_inside) {
      Move(d, src_row + int64_t{ix0} * p.in_c, tap_row, p);
      continue;
    }
    for (int32_t fx = 0; fx < p.kw; ++fx) {
      const int32_t ix = ix0 + fx * p.dilation_w;
      if (ix < 0 || ix >= p.in_w) {
        Fill(d + fx * p.in_c, p.in_c, p.pad_value);
      } else {
        Move(d + fx * p.in_c, src_row + int64_t{ix} * p.in_c, p.in_c, p);
      }
    }
  }
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

// The chunk / panel / tile loops. `Level` supplies the row element type T, GatherRow(plan, in,
// row, dst) returning the row's sum of x' (0 when the level has no pixel term), and
// Tile(plan, rows, sums, weights, col, valid_channels, out, out_stride, valid_rows).
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
        Level::Tile(p, rows, row_sums, packed + pi * panel_elems, col, valid_channels,
                    out + (c0 + t) * p.out_c + col, p.out_c, valid);
      }
    }
  }
}

}  // namespace
}  // namespace posenet
