// The output-row walk shared by Depthwise3x3Avx512 and Depthwise3x3Avx2 (include only from those
// two files; the unnamed namespace gives each level its own copy, compiled with its own flags).
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

}  // namespace
}  // namespace posenet::fconv
