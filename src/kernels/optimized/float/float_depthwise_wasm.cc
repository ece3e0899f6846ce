// Float depthwise 3x3 (depth multiplier 1) on WebAssembly SIMD128: the AVX2 kernel's scheme
// (float_depthwise_avx2.cc) with 4 channels per vector and a multiply then an add (SIMD128 has
// no fused multiply-add); the channel tail goes through a small staging buffer.
#include <wasm_simd128.h>

#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

constexpr int kLanes = 4;

// pmin/pmax: x86's minps/maxps semantics, one instruction there (min/max are several).
inline v128_t Max(v128_t a, v128_t b) { return wasm_f32x4_pmax(a, b); }
inline v128_t Min(v128_t a, v128_t b) { return wasm_f32x4_pmin(a, b); }
inline v128_t MulAdd(v128_t x, v128_t w, v128_t acc) {
  return wasm_f32x4_add(acc, wasm_f32x4_mul(x, w));
}

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

// `mask`: the live lanes of a tail block (1..3); whole blocks ignore it.
template <bool kTail>
v128_t Load(const float* x, int32_t mask) {
  if constexpr (kTail) {
    float staged[kLanes] = {};
    for (int32_t i = 0; i < mask; ++i) staged[i] = x[i];
    return wasm_v128_load(staged);
  } else {
    return wasm_v128_load(x);
  }
}

template <bool kTail>
void Store(float* y, int32_t mask, v128_t v) {
  if constexpr (kTail) {
    float staged[kLanes];
    wasm_v128_store(staged, v);
    for (int32_t i = 0; i < mask; ++i) y[i] = staged[i];
  } else {
    wasm_v128_store(y, v);
  }
}

v128_t Finish(v128_t acc, const float* bias, const Depthwise3x3& p) {
  const v128_t y = wasm_f32x4_add(acc, wasm_v128_load(bias));
  return Min(Max(y, wasm_f32x4_splat(p.lo)), wasm_f32x4_splat(p.hi));
}

template <bool kTail>
void Pixel(const Depthwise3x3& p, const float* in_b, int32_t iy0, Range ty, int32_t ox, int32_t c0,
           int32_t mask, float* out_px) {
  const int32_t ix0 = ox * p.stride_w - p.pad_left;
  const Range tx = ValidTaps(ix0, p.dilation_w, p.in_w);
  v128_t acc = wasm_f32x4_splat(0.0f);
  for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
    const float* row = in_b + int64_t{iy0 + fy * p.dilation_h} * p.in_w * p.c + c0;
    for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
      const v128_t x = Load<kTail>(row + int64_t{ix0 + fx * p.dilation_w} * p.c, mask);
      const v128_t w = wasm_v128_load(p.w + int64_t{fy * 3 + fx} * p.c_padded + c0);
      acc = MulAdd(x, w, acc);
    }
  }
  Store<kTail>(out_px + c0, mask, Finish(acc, p.bias + c0, p));
}

template <int NR, bool kTail>
void Interior(const Depthwise3x3& p, const float* in_b, int32_t iy0, int32_t first_fy,
              int32_t x_begin, int32_t x_end, int32_t c0, int32_t mask, float* out_row) {
  const float* rows[NR];
  v128_t w[NR][3];
#pragma clang loop unroll_count(3)
  for (int j = 0; j < NR; ++j) {
    const int32_t fy = first_fy + j;
    rows[j] = in_b + int64_t{iy0 + fy * p.dilation_h} * p.in_w * p.c + c0;
#pragma clang loop unroll_count(3)
    for (int fx = 0; fx < 3; ++fx) {
      w[j][fx] = wasm_v128_load(p.w + int64_t{fy * 3 + fx} * p.c_padded + c0);
    }
  }
  // Locals, not p's fields: the stores below could alias p and would force reloads.
  const int64_t c = p.c, step = int64_t{p.dilation_w} * c, stride = int64_t{p.stride_w} * c;
  const v128_t bias = wasm_v128_load(p.bias + c0);
  const v128_t lo = wasm_f32x4_splat(p.lo), hi = wasm_f32x4_splat(p.hi);
  int64_t at = int64_t{x_begin * p.stride_w - p.pad_left} * c;
  float* y = out_row + int64_t{x_begin} * c + c0;
  int32_t ox = x_begin;
  // Four pixels at a time: four independent chains hide the add latency.
  for (; ox + 4 <= x_end; ox += 4, at += 4 * stride, y += 4 * c) {
    v128_t acc[4];
#pragma clang loop unroll_count(4)
    for (int i = 0; i < 4; ++i) acc[i] = wasm_f32x4_splat(0.0f);
#pragma clang loop unroll_count(3)
    for (int j = 0; j < NR; ++j) {
#pragma clang loop unroll_count(3)
      for (int fx = 0; fx < 3; ++fx) {
#pragma clang loop unroll_count(4)
        for (int i = 0; i < 4; ++i) {
          const v128_t x = Load<kTail>(rows[j] + at + i * stride + fx * step, mask);
          acc[i] = MulAdd(x, w[j][fx], acc[i]);
        }
      }
    }
#pragma clang loop unroll_count(4)
    for (int i = 0; i < 4; ++i) {
      Store<kTail>(y + i * c, mask, Min(Max(wasm_f32x4_add(acc[i], bias), lo), hi));
    }
  }
  for (; ox < x_end; ++ox, at += stride, y += c) {
    v128_t acc = wasm_f32x4_splat(0.0f);
#pragma clang loop unroll_count(3)
    for (int j = 0; j < NR; ++j) {
#pragma clang loop unroll_count(3)
      for (int fx = 0; fx < 3; ++fx) {
        acc = MulAdd(Load<kTail>(rows[j] + at + fx * step, mask), w[j][fx], acc);
      }
    }
    Store<kTail>(y, mask, Min(Max(wasm_f32x4_add(acc, bias), lo), hi));
  }
}

template <bool kTail>
void Block(const Depthwise3x3& p, const float* in_b, int32_t iy0, Range ty, int32_t x_lo,
           int32_t x_hi, int32_t c0, int32_t mask, float* out_row) {
  for (int32_t ox = 0; ox < x_lo; ++ox) {
    Pixel<kTail>(p, in_b, iy0, ty, ox, c0, mask, out_row + int64_t{ox} * p.c);
  }
  switch (ty.end - ty.begin) {
    case 3:
      Interior<3, kTail>(p, in_b, iy0, ty.begin, x_lo, x_hi, c0, mask, out_row);
      break;
    case 2:
      Interior<2, kTail>(p, in_b, iy0, ty.begin, x_lo, x_hi, c0, mask, out_row);
      break;
    case 1:
      Interior<1, kTail>(p, in_b, iy0, ty.begin, x_lo, x_hi, c0, mask, out_row);
      break;
    default:
      for (int32_t ox = x_lo; ox < x_hi; ++ox) {
        Pixel<kTail>(p, in_b, iy0, ty, ox, c0, mask, out_row + int64_t{ox} * p.c);
      }
  }
  for (int32_t ox = x_hi; ox < p.out_w; ++ox) {
    Pixel<kTail>(p, in_b, iy0, ty, ox, c0, mask, out_row + int64_t{ox} * p.c);
  }
}

}  // namespace

void Depthwise3x3Wasm(const Depthwise3x3& p, int64_t row_begin, int64_t row_end) {
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
    if (c0 < p.c) {
      Block<true>(p, in_b, iy_at, ty, x_lo, x_hi, c0, p.c - c0, out_row);
    }
  }
}

}  // namespace posenet::fconv
