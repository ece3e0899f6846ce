// Quantized depthwise convolution rows with Advanced SIMD: 8 channels per block, inputs widened
// to int16 and multiplied by the int16 weights with SMLAL (exact 32-bit products). Interior
// columns run a block of channels across the whole run of pixels with the block's weights and
// requantization in registers; border columns sum their valid taps only (depthwise_plan_arm.h).
#include <arm_neon.h>

#include <cstdint>

#include "kernels/optimized/quantized_arm/depthwise_plan_arm.h"
#include "kernels/optimized/quantized_arm/requant_neon.h"
#include "kernels/reference/window.h"

namespace posenet {
namespace {

constexpr int32_t kLanes = 8;

// `count` input bytes (8 unless kPartial) widened to int16; lanes past count are 0.
template <bool kSigned, bool kPartial>
inline int16x8_t LoadInput(const uint8_t* p, int32_t count) {
  uint8x8_t bytes;
  if (kPartial) {
    uint8_t staged[8] = {};
    for (int32_t i = 0; i < count; ++i) staged[i] = p[i];
    bytes = vld1_u8(staged);
  } else {
    bytes = vld1_u8(p);
  }
  return kSigned ? vmovl_s8(vreinterpret_s8_u8(bytes)) : vreinterpretq_s16_u16(vmovl_u8(bytes));
}

// The requantization constants of one block of 8 channels.
struct BlockConstants {
  neon::RequantVectors r[2];
  int32x4_t offset, lo, hi;

  BlockConstants(const ArmDepthwisePlan& p, int32_t cb) {
    for (int h = 0; h < 2; ++h) {
      const int32_t c = cb + 4 * h;
      r[h] = neon::LoadRequant(p.multiplier + c, p.left_shift + c, p.neg_right_shift + c);
    }
    offset = vdupq_n_s32(p.output_offset);
    lo = vdupq_n_s32(p.quant_min), hi = vdupq_n_s32(p.quant_max);
  }
};

template <bool kSigned, bool kPartial>
inline void Store(const BlockConstants& k, int32x4_t acc_lo, int32x4_t acc_hi, int32_t count,
                  uint8_t* out) {
  // Clamped to the output type's range: the narrowing keeps every value.
  const int16x8_t q =
      vcombine_s16(vmovn_s32(neon::Requantize(acc_lo, k.r[0], k.offset, k.lo, k.hi)),
                   vmovn_s32(neon::Requantize(acc_hi, k.r[1], k.offset, k.lo, k.hi)));
  const uint8x8_t bytes =
      kSigned ? vreinterpret_u8_s8(vmovn_s16(q)) : vmovn_u16(vreinterpretq_u16_s16(q));
  if (kPartial) {
    uint8_t staged[8];
    vst1_u8(staged, bytes);
    for (int32_t i = 0; i < count; ++i) out[i] = staged[i];
  } else {
    vst1_u8(out, bytes);
  }
}

inline void MultiplyAdd(int32x4_t& lo, int32x4_t& hi, int16x8_t x, int16x8_t w) {
  lo = vmlal_s16(lo, vget_low_s16(x), vget_low_s16(w));
  hi = vmlal_high_s16(hi, x, w);
}

// Where one output row reads: each filter row's input row (the zero-point row outside the
// input), at the first column of the image.
struct RowSources {
  const uint8_t* rows[kArmDepthwiseMaxFilter];
};

// Channels [cb, cb + count) of the interior pixels [x_begin, x_end) of one output row.
template <bool kSigned, bool kPartial, int kH, int kW>
void InteriorBlock(const ArmDepthwisePlan& p, const RowSources& src, int32_t x_begin, int32_t x_end,
                   int32_t cb, int32_t count, uint8_t* out_row) {
  const int32_t fh = kH > 0 ? kH : p.filter_h, fw = kW > 0 ? kW : p.filter_w;
  const int64_t c = p.channels, lanes = p.padded_channels;
  const int64_t dx = int64_t{p.dilation_w} * c, step = int64_t{p.stride_w} * c;
  const BlockConstants k(p, cb);
  const int32x4_t bias_lo = vld1q_s32(p.interior_bias + cb);
  const int32x4_t bias_hi = vld1q_s32(p.interior_bias + cb + 4);
  // Fixed filter sizes keep their weights in registers across the run.
  int16x8_t w[kH > 0 ? kH * kW : 1];
  if constexpr (kH > 0) {
    for (int t = 0; t < kH * kW; ++t) w[t] = vld1q_s16(p.weights + t * lanes + cb);
  }
  int64_t at = (int64_t{x_begin} * p.stride_w - p.pad_left) * c + cb;
  uint8_t* o = out_row + int64_t{x_begin} * c + cb;
  for (int32_t ox = x_begin; ox < x_end; ++ox, at += step, o += c) {
    int32x4_t lo = bias_lo, hi = bias_hi;
    for (int32_t fy = 0; fy < fh; ++fy) {
      const uint8_t* row = src.rows[fy] + at;
      for (int32_t fx = 0; fx < fw; ++fx) {
        const int16x8_t x = LoadInput<kSigned, kPartial>(row + fx * dx, count);
        int16x8_t wt;
        if constexpr (kH > 0) {
          wt = w[fy * kW + fx];
        } else {
          wt = vld1q_s16(p.weights + (fy * fw + fx) * lanes + cb);
        }
        MultiplyAdd(lo, hi, x, wt);
      }
    }
    Store<kSigned, kPartial>(k, lo, hi, count, o);
  }
}

// Channels [cb, cb + count) of one pixel whose window crosses the input's left or right edge:
// valid taps only, each input shifted by its zero point.
template <bool kSigned, bool kPartial>
void BorderBlock(const ArmDepthwisePlan& p, const RowSources& src, int32_t y0, int32_t y1,
                 int32_t ox, int32_t cb, int32_t count, uint8_t* out_px) {
  const int32_t ix0 = ox * p.stride_w - p.pad_left;
  const ref::TapRange tx = ref::ValidTaps(ix0, p.dilation_w, p.in_w, p.filter_w);
  const int32_t x0 = tx.begin, x1 = tx.end;
  const int64_t c = p.channels, lanes = p.padded_channels;
  const int16x8_t input_offset = vdupq_n_s16(static_cast<int16_t>(p.input_offset));
  int32x4_t lo = vld1q_s32(p.bias + cb), hi = vld1q_s32(p.bias + cb + 4);
  for (int32_t fy = y0; fy < y1; ++fy) {
    for (int32_t fx = x0; fx < x1; ++fx) {
      const uint8_t* at = src.rows[fy] + (ix0 + int64_t{fx} * p.dilation_w) * c + cb;
      const int16x8_t x = vaddq_s16(LoadInput<kSigned, kPartial>(at, count), input_offset);
      MultiplyAdd(lo, hi, x, vld1q_s16(p.weights + (fy * p.filter_w + fx) * lanes + cb));
    }
  }
  Store<kSigned, kPartial>(BlockConstants(p, cb), lo, hi, count, out_px + cb);
}

template <bool kSigned, int kH, int kW>
void Rows(const ArmDepthwisePlan& p, const uint8_t* in, uint8_t* out, int64_t row_begin,
          int64_t row_end) {
  const int32_t full = p.channels / kLanes * kLanes;
  for (int64_t row = row_begin; row < row_end; ++row) {
    const int64_t b = row / p.out_h;
    const int32_t iy0 = static_cast<int32_t>(row % p.out_h) * p.stride_h - p.pad_top;
    RowSources src;
    for (int32_t fy = 0; fy < p.filter_h; ++fy) {
      const int32_t iy = iy0 + fy * p.dilation_h;
      src.rows[fy] =
          iy >= 0 && iy < p.in_h ? in + (b * p.in_h + iy) * p.in_w * p.channels : p.zero_row;
    }
    // Border columns skip the rows outside the input; interior ones read the zero-point row.
    const ref::TapRange ty = ref::ValidTaps(iy0, p.dilation_h, p.in_h, p.filter_h);
    const int32_t y0 = ty.begin, y1 = ty.end;
    uint8_t* out_row = out + row * p.out_w * p.channels;
    auto border = [&](int32_t ox) {
      uint8_t* px = out_row + int64_t{ox} * p.channels;
      int32_t cb = 0;
      for (; cb < full; cb += kLanes)
        BorderBlock<kSigned, false>(p, src, y0, y1, ox, cb, kLanes, px);
      if (cb < p.channels) BorderBlock<kSigned, true>(p, src, y0, y1, ox, cb, p.channels - cb, px);
    };
    for (int32_t ox = 0; ox < p.interior_x_begin; ++ox) border(ox);
    if (p.interior_x_begin < p.interior_x_end) {
      int32_t cb = 0;
      for (; cb < full; cb += kLanes) {
        InteriorBlock<kSigned, false, kH, kW>(p, src, p.interior_x_begin, p.interior_x_end, cb,
                                              kLanes, out_row);
      }
      if (cb < p.channels) {
        InteriorBlock<kSigned, true, kH, kW>(p, src, p.interior_x_begin, p.interior_x_end, cb,
                                             p.channels - cb, out_row);
      }
    }
    for (int32_t ox = p.interior_x_end; ox < p.out_w; ++ox) border(ox);  // 0 when no interior
  }
}

template <bool kSigned>
void RowsBySize(const ArmDepthwisePlan& p, const uint8_t* in, uint8_t* out, int64_t r0,
                int64_t r1) {
  if (p.filter_h == 3 && p.filter_w == 3) {
    Rows<kSigned, 3, 3>(p, in, out, r0, r1);
  } else {
    Rows<kSigned, 0, 0>(p, in, out, r0, r1);
  }
}

}  // namespace

void DepthwiseRowsNeon(const ArmDepthwisePlan& plan, const uint8_t* in, uint8_t* out,
                       int64_t row_begin, int64_t row_end) {
  if (plan.is_signed) {
    RowsBySize<true>(plan, in, out, row_begin, row_end);
  } else {
    RowsBySize<false>(plan, in, out, row_begin, row_end);
  }
}

}  // namespace posenet
