// The walk over an output pixel's receptive field that gathers it into a panel row, shared by
// the x86-64 and AArch64 dense kernels (include from level files only; the unnamed namespace
// gives each level its own copy, compiled with its own flags).
#pragma once

#include <cstdint>

#include "kernels/optimized/quantized/conv_geometry.h"

namespace posenet {
namespace {

// Output pixel `row`'s K values into dst, in filter order (kh runs of kw * c, or one run per tap
// when the window crosses the input's edge): move(dst, src, n) converts n input bytes,
// fill(dst, n) writes n padded taps. The K padding is left to the caller.
template <class T, class Move, class Fill>
inline void GatherWindow(const DenseGeometry& p, const uint8_t* in, int64_t row, T* dst,
                         const Move& move, const Fill& fill) {
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
      fill(d, tap_row);
      continue;
    }
    const uint8_t* src_row = in + ((b * p.in_h + iy) * p.in_w) * p.in_c;
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

}  // namespace
}  // namespace posenet
