// Internal helpers shared by the sliding-window kernels (convolutions, pooling), reference and
// optimized. The unnamed namespace gives each including file its own copy: the optimized
// kernels' files are compiled for higher SIMD levels, and no such copy may be the one that code
// for any CPU links to.
#pragma once

#include <cstdint>

namespace posenet::ref {
namespace {

// The taps [begin, end) of a window along one axis whose input coordinate
// origin + k * dilation lies inside [0, size); taps outside are padding and are skipped.
// The valid taps are contiguous because the coordinate grows with k.
struct TapRange {
  int32_t begin = 0, end = 0;
};

inline TapRange ValidTaps(int32_t origin, int32_t dilation, int32_t size, int32_t filter) {
  TapRange r;
  // First k with origin + k * dilation >= 0.
  r.begin = origin >= 0 ? 0 : (-origin + dilation - 1) / dilation;
  // Last k with origin + k * dilation <= size - 1, plus one.
  const int32_t room = size - 1 - origin;
  r.end = room < 0 ? 0 : room / dilation + 1;
  if (r.end > filter) r.end = filter;
  if (r.begin > filter) r.begin = filter;
  if (r.end < r.begin) r.end = r.begin;
  return r;
}

// Offset of element (b, y, x, 0) in an NHWC tensor of height h, width w and depth c.
inline int64_t PixelOffset(int32_t b, int32_t y, int32_t x, int32_t h, int32_t w, int32_t c) {
  return ((int64_t{b} * h + y) * w + x) * c;
}

}  // namespace
}  // namespace posenet::ref
