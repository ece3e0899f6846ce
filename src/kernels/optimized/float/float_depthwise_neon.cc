// Advanced SIMD depthwise 3x3 (depth multiplier 1): 4 channels per vector. Interior pixels keep
// a channel block's filter rows in registers and run four pixels at a time (four independent
// FMA chains); border pixels sum their valid taps; a channel tail goes through a staged copy.
#include <arm_neon.h>

#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

constexpr int kLanes = 4;

struct Range {
  int32_t begin, end;
};

Range ValidTaps(int32_t origin, int32_t dilation, int32_t size) {
  int32_t begin = origin >= 0 ? 0 : (-origin + dilation - 1) / dilation;
  const int32_t room = size - 1 - origin;
  int32_t end = room < 0 ? 0 : (room / dilation + 1 < 3 ? room / dilation + 1 : 3);
  if (begin > 3) begin = 3;
  if (end < begin) end = begin;
  return Range{begin, end};
}

// `count` floats (4 unless kTail), the rest 0.
template <bool kTail>
inline float32x4_t Load(const float* x, int32_t count) {
  if constexpr (kTail) {
    float staged[kLanes] = {};
    for (int32_t i = 0; i < count; ++i) staged[i] = x[i];
    return vld1q_f32(staged);
  } else {
    return vld1q_f32(x);
  }
}

template <bool kTail>
inline void Store(float* y, int32_t count, float32x4_t v) {
  if constexpr (kTail) {
    float staged[kLanes];
    vst1q_f32(staged, v);
    for (int32_t i = 0; i < count; ++i) y[i] = staged[i];
  } else {
    vst1q_f32(y, v);
  }
}

inline float32x4_t Finish(float32x4_t acc, float32x4_t bias, float32x4_t lo, float32x4_t hi) {
  return vminq_f32(vmaxq_f32(vaddq_f32(acc, bias), lo), hi);
}

template <bool kTail>
void Pixel(const Depthwise3x3& p, const float* in_b, int32_t iy0, Range ty, int32_t ox, int32_t c0,
           int32_t count, float* out_px) {
  const int32_t ix0 = ox * p.stride_w - p.pad_left;
  const Range tx = ValidTaps(ix0, p.dilation_w, p.in_w);
  float32x4_t acc = vdupq_n_f32(0.0f);
  for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
    const float* row = in_b + int64_t{iy0 + fy * p.dilation_h} * p.in_w * p.c + c0;
    for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
      const float32x4_t x = Load<kTail>(row + int64_t{ix0 + fx * p.dilation_w} * p.c, count);
      acc = vfmaq_f32(acc, x, vld1q_f32(p.w + int64_t{fy * 3 + fx} * p.c_padded + c0));
    }
  }
  Store<kTail>(out_px + c0, count,
               Finish(acc, vld1q_f32(p.bias + c0), vdupq_n_f32(p.lo), vdupq_n_f32(p.hi)));
}

// Output pixels [x_begin, x_end) of one row, whose column taps all lie inside the input, for the
// NR filter rows from first_fy on that do.
template <int NR, bool kTail>
void Interior(const Depthwise3x3& p, const float* in_b, int32_t iy0, int32_t first_fy,
              int32_t x_begin, int32_t x_end, int32_t c0, int32_t count, float* out_row) {
  const float* rows[NR];
  float32x4_t w[NR][3];
  for (int j = 0; j < NR; ++j) {
    const int32_t fy = first_fy + j;
    rows[j] = in_b + int64_t{iy0 + fy * p.dilation_h} * p.in_w * p.c + c0;
    for (int fx = 0; fx < 3; ++fx)
      w[j][fx] = vld1q_f32(p.w + int64_t{fy * 3 + fx} * p.c_padded + c0);
  }
  // Locals, not p's fields: the stores below could alias p and would force reloads.
  const int64_t c = p.c, step = int64_t{p.dilation_w} * c, stride = int64_t{p.stride_w} * c;
  const float32x4_t bias = vld1q_f32(p.bias + c0);
  const float32x4_t lo = vdupq_n_f32(p.lo), hi = vdupq_n_f32(p.hi);
  int64_t at = int64_t{x_begin * p.stride_w - p.pad_left} * c;
  float* y = out_row + int64_t{x_begin} * c + c0;
  int32_t ox = x_begin;
  for (; ox + 4 <= x_end; ox += 4, at += 4 * stride, y += 4 * c) {
    float32x4_t acc[4];
    for (int i = 0; i < 4; ++i) acc[i] = vdupq_n_f32(0.0f);
    for (int j = 0; j < NR; ++j) {
      for (int fx = 0; fx < 3; ++fx) {
        for (int i = 0; i < 4; ++i) {
          const float32x4_t x = Load<kTail>(rows[j] + at + i * stride + fx * step, count);
          acc[i] = vfmaq_f32(acc[i], x, w[j][fx]);
        }
      }
    }
    for (int i = 0; i < 4; ++i) Store<kTail>(y + i * c, count, Finish(acc[i], bias, lo, hi));
  }
  for (; ox < x_end; ++ox, at += stride, y += c) {
    float32x4_t acc = vdupq_n_f32(0.0f);
    for (int j = 0; j < NR; ++j) {
      for (int fx = 0; fx < 3; ++fx) {
        acc = vfmaq_f32(acc, Load<kTail>(rows[j] + at + fx * step, count), w[j][fx]);
      }
    }
    Store<kTail>(y, count, Finish(acc, bias, lo, hi));
  }
}

template <bool kTail>
void Block(const Depthwise3x3& p, const float* in_b, int32_t iy0, Range ty, int32_t x_lo,
           int32_t x_hi, int32_t c0, int32_t count, float* out_row) {
  for (int32_t ox = 0; ox < x_lo; ++ox) {
    Pixel<kTail>(p, in_b, iy0, ty, ox, c0, count, out_row + int64_t{ox} * p.c);
  }
  switch (ty.end - ty.begin) {
    case 3:
      Interior<3, kTail>(p, in_b, iy0, ty.begin, x_lo, x_hi, c0, count, out_row);
      break;
    case 2:
      Interior<2, kTail>(p, in_b, iy0, ty.begin, x_lo, x_hi, c0, count, out_row);
      break;
    case 1:
      Interior<1, kTail>(p, in_b, iy0, ty.begin, x_lo, x_hi, c0, count, out_row);
      break;
    default:
      for (int32_t ox = x_lo; ox < x_hi; ++ox) {
        Pixel<kTail>(p, in_b, iy0, ty, ox, c0, count, out_row + int64_t{ox} * p.c);
      }
  }
  for (int32_t ox = x_hi; ox < p.out_w; ++ox) {
    Pixel<kTail>(p, in_b, iy0, ty, ox, c0, count, out_row + int64_t{ox} * p.c);
  }
}

}  // namespace

void Depthwise3x3Neon(const Depthwise3x3& p, int64_t row_begin, int64_t row_end) {
  int32_t x_lo = p.pad_left > 0 ? (p.pad_left + p.stride_w - 1) / p.stride_w : 0;
  const int32_t last = p.in_w - 1 - 2 * p.dilation_w + p.pad_left;
  int32_t x_hi = last < 0 ? 0 : last / p.stride_w + 1;
  if (x_hi > p.out_w) x_hi = p.out_w;
  if (x_lo > x_hi) x_lo = x_hi;
  const int64_t in_image = int64_t{p.in_h} * p.in_w * p.c;
  for (int64_t row = row_begin; row < row_end; ++row) {
    const int64_t b = row / p.out_h;
    const int32_t oy = static_cast<int32_t>(row % p.out_h);
    const int32_t iy0 = oy * p.stride_h - p.pad_top;
    const Range ty = ValidTaps(iy0, p.dilation_h, p.in_h);
    const float* in_b = p.in + b * in_image;
    const int32_t iy_at = iy0 - p.in_row0;  // the helpers address rows of the window from here
    float* out_row = p.out + (row - p.out_row0) * p.out_w * p.c;
    int32_t c0 = 0;
    for (; c0 + kLanes <= p.c; c0 += kLanes) {
      Block<false>(p, in_b, iy_at, ty, x_lo, x_hi, c0, kLanes, out_row);
    }
    if (c0 < p.c) Block<true>(p, in_b, iy_at, ty, x_lo, x_hi, c0, p.c - c0, out_row);
  }
}

}  // namespace posenet::fconv
