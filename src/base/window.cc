#include "base/window.h"

#include <algorithm>

namespace posenet {

WindowPadding ComputePadding(int32_t in, int32_t filter, int32_t stride, int32_t dilation,
                             Padding padding) {
  WindowPadding result;
  // int64 so that hostile sizes cannot overflow; the results fit whenever the inputs are sane.
  const int64_t effective_filter = (int64_t{filter} - 1) * dilation + 1;
  int64_t out = 0;
  if (padding == Padding::kSame) {
    out = (int64_t{in} + stride - 1) / stride;
  } else {
    const int64_t span = int64_t{in} - effective_filter;
    out = span < 0 ? 0 : span / stride + 1;
  }
  if (out <= 0) return result;
  const int64_t pad_total = std::max<int64_t>((out - 1) * stride + effective_filter - in, 0);
  result.out = static_cast<int32_t>(out);
  result.pad_before = static_cast<int32_t>(pad_total / 2);
  result.pad_after = static_cast<int32_t>(pad_total - pad_total / 2);
  return result;
}

}  // namespace posenet
