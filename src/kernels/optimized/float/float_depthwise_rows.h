// The output-row walk shared by the depthwise 3x3 kernels (Depthwise3x3Avx512, Depthwise3x3Avx2,
// Depthwise3x3Neon, Depthwise3x3Wasm), and the whole row kernel of the AVX2, NEON and SIMD128
// levels over a SIMD level type (float_simd_avx2.h, float_simd_neon.h, float_simd_wasm.h).
// Include only from those level files; the unnamed namespace gives each level its own copy,
// compiled with its own flags.
#pragma once

#include <cstdint>

#include "kernels/optimized/float/float_kernels.h"
#include "kernels/reference/window.h"

namespace posenet::fconv {
namespace {

// One output row as the level kernels see it.
struct DepthwiseRow {
  const float* in_b;  // the row's image
  int32_t iy0;        // input row of the window's first tap, relative to the window's rows
  ref::TapRange ty;   // filter rows inside the input
  float* out;         // the row's first output pixel
};

// Calls row_fn(DepthwiseRow) for output rows [row_begin, row_end) of the batch-flattened output.
template <class RowFn>
inline void ForEachRow(const Depthwise3x3& p, int64_t row_begin, int64_t row_end,
                       const RowFn& row_fn) {
  const int64_t in_image = int64_t{p.in_h} * p.in_w * p.c;
  for (int64_t row = row_begin; row < row_end; ++row) {
    const int64_t b = row / p.out_h;
    const int32_t iy0 = static_cast<int32_t>(row % p.out_h) * p.stride_h - p.pad_top;
    // The helpers address rows of the window (from in_row0 on) with iy0 - in_row0.
    row_fn(DepthwiseRow{p.in + b * in_image, iy0 - p.in_row0,
                        ref::ValidTaps(iy0, p.dilation_h, p.in_h, 3),
                        p.out + (row - p.out_row0) * p.out_w * p.c});
  }
}

// A pixel whose window crosses the input's edge: its valid taps only. kTail: channels c0 ..
// c0 + the tail's live lanes, else a whole vector of them.
template <class L, bool kTail>
void Pixel(const Depthwise3x3& p, const float* in_b, int32_t iy0, ref::TapRange ty, int32_t ox,
           int32_t c0, typename L::Tail tail, float* out_px) {
  const int32_t ix0 = ox * p.stride_w - p.pad_left;
  const ref::TapRange tx = ref::ValidTaps(ix0, p.dilation_w, p.in_w, 3);
  typename L::Vec acc = L::Zero();
  for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
    const float* row = in_b + int64_t{iy0 + fy * p.dilation_h} * p.in_w * p.c + c0;
    for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
      const float* x = row + int64_t{ix0 + fx * p.dilation_w} * p.c;
      const typename L::Vec w = L::Load(p.w + int64_t{fy * 3 + fx} * p.c_padded + c0);
      acc = L::Fma(kTail ? L::LoadTail(x, tail) : L::LoadU(x), w, acc);
    }
  }
  const typename L::Vec y =
      L::Min(L::Max(L::Add(acc, L::Load(p.bias + c0)), L::Splat(p.lo)), L::Splat(p.hi));
  if constexpr (kTail) {
    L::StoreTail(out_px + c0, tail, y);
  } else {
    L::StoreU(out_px + c0, y);
  }
}

// Output pixels [x_begin, x_end) of one row, whose column taps all lie inside the input, for the
// NR filter rows from first_fy on that do: the filter rows stay in registers and four pixels
// run at a time (four independent FMA chains hide the FMA latency).
template <class L, int NR, bool kTail>
void Interior(const Depthwise3x3& p, const float* in_b, int32_t iy0, int32_t first_fy,
              int32_t x_begin, int32_t x_end, int32_t c0, typename L::Tail tail, float* out_row) {
  using Vec = typename L::Vec;
  auto load = [&](const float* x) { return kTail ? L::LoadTail(x, tail) : L::LoadU(x); };
  auto store = [&](float* y, Vec v) {
    if constexpr (kTail) {
      L::StoreTail(y, tail, v);
    } else {
      L::StoreU(y, v);
    }
  };
  const float* rows[NR];
  Vec w[NR][3];
#pragma GCC unroll 3
  for (int j = 0; j < NR; ++j) {
    const int32_t fy = first_fy + j;
    rows[j] = in_b + int64_t{iy0 + fy * p.dilation_h} * p.in_w * p.c + c0;
#pragma GCC unroll 3
    for (int fx = 0; fx < 3; ++fx) w[j][fx] = L::Load(p.w + int64_t{fy * 3 + fx} * p.c_padded + c0);
  }
  // Locals, not p's fields: the stores below could alias p and would force reloads.
  const int64_t c = p.c, step = int64_t{p.dilation_w} * c, stride = int64_t{p.stride_w} * c;
  const Vec bias = L::Load(p.bias + c0);
  const Vec lo = L::Splat(p.lo), hi = L::Splat(p.hi);
  int64_t at = int64_t{x_begin * p.stride_w - p.pad_left} * c;
  float* y = out_row + int64_t{x_begin} * c + c0;
  int32_t ox = x_begin;
  for (; ox + 4 <= x_end; ox += 4, at += 4 * stride, y += 4 * c) {
    Vec acc[4];
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) acc[i] = L::Zero();
#pragma GCC unroll 3
    for (int j = 0; j < NR; ++j) {
#pragma GCC unroll 3
      for (int fx = 0; fx < 3; ++fx) {
#pragma GCC unroll 4
        for (int i = 0; i < 4; ++i) {
          acc[i] = L::Fma(load(rows[j] + at + i * stride + fx * step), w[j][fx], acc[i]);
        }
      }
    }
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) store(y + i * c, L::Min(L::Max(L::Add(acc[i], bias), lo), hi));
  }
  for (; ox < x_end; ++ox, at += stride, y += c) {
    Vec acc = L::Zero();
#pragma GCC unroll 3
    for (int j = 0; j < NR; ++j) {
#pragma GCC unroll 3
      for (int fx = 0; fx < 3; ++fx) acc = L::Fma(load(rows[j] + at + fx * step), w[j][fx], acc);
    }
    store(y, L::Min(L::Max(L::Add(acc, bias), lo), hi));
  }
}

// One channel block of one output row: border pixels, then the interior for the filter rows
// inside the input.
template <class L, bool kTail>
void Block(const Depthwise3x3& p, const DepthwiseRow& r, int32_t c0, typename L::Tail tail) {
  const ref::TapRange ty = r.ty;
  for (int32_t ox = 0; ox < p.x_lo; ++ox) {
    Pixel<L, kTail>(p, r.in_b, r.iy0, ty, ox, c0, tail, r.out + int64_t{ox} * p.c);
  }
  switch (ty.end - ty.begin) {
    case 3:
      Interior<L, 3, kTail>(p, r.in_b, r.iy0, ty.begin, p.x_lo, p.x_hi, c0, tail, r.out);
      break;
    case 2:
      Interior<L, 2, kTail>(p, r.in_b, r.iy0, ty.begin, p.x_lo, p.x_hi, c0, tail, r.out);
      break;
    case 1:
      Interior<L, 1, kTail>(p, r.in_b, r.iy0, ty.begin, p.x_lo, p.x_hi, c0, tail, r.out);
      break;
    default:
      for (int32_t ox = p.x_lo; ox < p.x_hi; ++ox) {
        Pixel<L, kTail>(p, r.in_b, r.iy0, ty, ox, c0, tail, r.out + int64_t{ox} * p.c);
      }
  }
  for (int32_t ox = p.x_hi; ox < p.out_w; ++ox) {
    Pixel<L, kTail>(p, r.in_b, r.iy0, ty, ox, c0, tail, r.out + int64_t{ox} * p.c);
  }
}

// The depthwise 3x3 row kernel of level L: whole channel blocks, then the tail.
template <class L>
void DepthwiseRows(const Depthwise3x3& p, int64_t row_begin, int64_t row_end) {
  const typename L::Tail whole = L::TailMask(L::kLanes);
  ForEachRow(p, row_begin, row_end, [&](const DepthwiseRow& r) {
    int32_t c0 = 0;
    for (; c0 + L::kLanes <= p.c; c0 += L::kLanes) Block<L, false>(p, r, c0, whole);
    if (c0 < p.c) Block<L, true>(p, r, c0, L::TailMask(p.c - c0));
  });
}

}  // namespace
}  // namespace posenet::fconv
