// The im2col walk shared by Im2colAvx512, Im2colAvx2 and Im2colWasm, for a level `Level` of
// float_simd_*.h (include only from those files; the unnamed namespace gives each level its
// own copy, compiled with its own flags). Each filter row's taps are one contiguous run of
// kw * c floats in NHWC when dilation is 1 and the row lies inside the input, moved with whole
// and masked vectors rather than a library call per tap (the first MobileNet layer has runs of 9
// floats).
#pragma once

#include <cstdint>

#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

// n floats from src (null: zeros) to dst, whole vectors then one masked vector.
template <class Level>
inline void Move(float* dst, const float* src, int32_t n) {
  int32_t i = 0;
  for (; i + Level::kLanes <= n; i += Level::kLanes) {
    Level::StoreU(dst + i, src != nullptr ? Level::LoadU(src + i) : Level::Zero());
  }
  if (i < n) {
    const typename Level::Tail tail = Level::TailMask(n - i);
    Level::StoreTail(dst + i, tail,
                     src != nullptr ? Level::LoadTail(src + i, tail) : Level::Zero());
  }
}

template <class Level>
void Im2colRows(const Im2col& g, int64_t r0, int64_t r1, float* a) {
  const int32_t c = g.c, kh = g.kh, kw = g.kw, in_h = g.in_h, in_w = g.in_w, out_w = g.out_w;
  const int64_t plane = int64_t{g.out_h} * out_w;
  const int32_t row_run = kw * c;
  // Pixel coordinates advance with r; divisions only once (they would cost more than the copy).
  int64_t b = r0 / plane;
  int32_t oy = static_cast<int32_t>(r0 % plane / out_w),
          ox = static_cast<int32_t>(r0 % plane % out_w);
  for (int64_t r = r0; r < r1; ++r, ++ox) {
    if (ox == out_w) {
      ox = 0;
      if (++oy == g.out_h) oy = 0, ++b;
    }
    const int32_t ix0 = ox * g.stride_w - g.pad_left;
    const bool whole_row = g.dilation_w == 1 && ix0 >= 0 && ix0 + kw <= in_w;
    for (int32_t fy = 0; fy < kh; ++fy) {
      const int32_t iy = oy * g.stride_h - g.pad_top + fy * g.dilation_h;
      if (iy < 0 || iy >= in_h) {
        Move<Level>(a, nullptr, row_run);
        a += row_run;
        continue;
      }
      const float* src_row = g.in + (b * in_h + iy - g.in_row0) * in_w * c;
      if (whole_row) {
        Move<Level>(a, src_row + int64_t{ix0} * c, row_run);
        a += row_run;
        continue;
      }
      for (int32_t fx = 0; fx < kw; ++fx) {
        const int32_t ix = ix0 + fx * g.dilation_w;
        Move<Level>(a, ix >= 0 && ix < in_w ? src_row + int64_t{ix} * c : nullptr, c);
        a += c;
      }
    }
  }
}

}  // namespace
}  // namespace posenet::fconv
