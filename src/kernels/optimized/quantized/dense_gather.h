// The walk over an output pixel's receptive field that gathers it into a panel row, shared by
// the x86-64, AArch64 and WebAssembly dense kernels (include from level files only; the unnamed
// namespace gives each level its own copy, compiled with its own flags).
#pragma once

#include <cstdint>

#include "kernels/optimized/quantized/conv_geometry.h"

namespace posenet {
namespace {

// An output pixel: image b, row oy, column ox.
struct OutputPixel {
  int64_t b;
  int32_t oy, ox;
};

inline OutputPixel PixelOfRow(const DenseGeometry& p, int64_t row) {
  const int64_t rest = row / p.out_w;
  return OutputPixel{rest / p.out_h, static_cast<int32_t>(rest % p.out_h),
                     static_cast<int32_t>(row % p.out_w)};
}

// The next row's pixel, without the divisions.
inline void NextPixel(const DenseGeometry& p, OutputPixel* px) {
  if (++px->ox < p.out_w) return;
  px->ox = 0;
  if (++px->oy < p.out_h) return;
  px->oy = 0;
  ++px->b;
}

// Output pixel `px`'s K values into dst, in filter order (kh runs of kw * c, or one run per tap
// when the window crosses the input's edge): move(dst, src, n) converts n input bytes,
// fill(dst, n) writes n padded taps. The K padding is left to the caller.
template <class T, class Move, class Fill>
inline void GatherWindowAt(const DenseGeometry& p, const uint8_t* in, const OutputPixel& px, T* dst,
                           const Move& move, const Fill& fill) {
  const int32_t iy0 = px.oy * p.stride_h - p.pad_top, ix0 = px.ox * p.stride_w - p.pad_left;
  const int64_t tap_row = int64_t{p.kw} * p.in_c;
  const bool x_inside = p.dilation_w == 1 && ix0 >= 0 && ix0 + p.kw <= p.in_w;
  for (int32_t fy = 0; fy < p.kh; ++fy) {
    T* d = dst + fy * tap_row;
    const int32_t iy = iy0 + fy * p.dilation_h;
    if (iy < 0 || iy >= p.in_h) {
      fill(d, tap_row);
      continue;
    }
    const uint8_t* src_row = in + ((px.b * p.in_h + iy) * p.in_w) * p.in_c;
    if (x_inside) {
      move(d, src_row + int64_t{ix0} * p.in_c, tap_row);
      continue;
    }
    for (int32_t fx = 0; fx < p.kw; ++fx) {
      const int32_t ix = ix0 + fx * p.dilation_w;
      if (ix < 0 || ix >= p.in_w) {
        fill(d + fx * p.in_c, p.in_c);
      } else {
        move(d + fx * p.in_c, src_row + int64_t{ix} * p.in_c, p.in_c);
      }
    }
  }
}

// Output pixel `row`'s window, as GatherWindowAt.
template <class T, class Move, class Fill>
inline void GatherWindow(const DenseGeometry& p, const uint8_t* in, int64_t row, T* dst,
                         const Move& move, const Fill& fill) {
  GatherWindowAt(p, in, PixelOfRow(p, row), dst, move, fill);
}

// Rows [first, first + n) into dst, `stride` elements apart, as GatherWindowAt: the pixel
// advances row by row instead of being divided out of each row's index. A 1x1, stride 1,
// unpadded convolution's rows are the input's pixels, so with stride K they convert as one run.
template <class T, class Move, class Fill>
inline void GatherRows(const DenseGeometry& p, const uint8_t* in, int64_t first, int64_t n, T* dst,
                       int64_t stride, const Move& move, const Fill& fill) {
  const bool pointwise = p.kh == 1 && p.kw == 1 && p.stride_h == 1 && p.stride_w == 1 &&
                         p.pad_top == 0 && p.pad_left == 0 && p.in_h == p.out_h &&
                         p.in_w == p.out_w;
  if (pointwise && stride == p.k) {
    move(dst, in + first * p.k, n * p.k);
    return;
  }
  OutputPixel px = PixelOfRow(p, first);
  for (int64_t i = 0; i < n; ++i, NextPixel(p, &px)) {
    GatherWindowAt(p, in, px, dst + i * stride, move, fill);
  }
}

}  // namespace
}  // namespace posenet
