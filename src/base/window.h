// Output size and padding of a sliding window (convolution, pooling) along one spatial axis,
// as TFLite computes them. With effective_filter = (filter - 1) * dilation + 1:
//   SAME:  out = ceil(in / stride)
//   VALID: out = (in - effective_filter) / stride + 1   (floor; 0 when the window is larger)
//   pad_total  = max((out - 1) * stride + effective_filter - in, 0)
//   pad_before = pad_total / 2 (floor), pad_after = pad_total - pad_before.
// VALID always gives pad_total = 0.
#pragma once

#include <cstdint>

namespace posenet {

enum class Padding : uint8_t { kSame, kValid };

struct WindowPadding {
  int32_t out = 0;         // output size along the axis; 0 means no valid window
  int32_t pad_before = 0;  // rows/cols of padding before the input (top or left)
  int32_t pad_after = 0;   // rows/cols after (bottom or right)
};

// `stride` and `dilation` must be >= 1 and `filter` >= 1; the caller validates them.
WindowPadding ComputePadding(int32_t in, int32_t filter, int32_t stride, int32_t dilation,
                             Padding padding);

}  // namespace posenet
