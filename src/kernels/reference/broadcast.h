// Internal: NumPy-style broadcasting of a 4-D operand to the output shape. A dimension of size 1
// repeats (stride 0); every other dimension must equal the output's.
#pragma once

#include <cstdint>

#include "kernels/kernel_params.h"

namespace posenet::ref {

struct BroadcastStrides {
  int64_t n = 0, h = 0, w = 0, c = 0;
};

inline BroadcastStrides StridesFor(const Dims4& in, const Dims4& out) {
  BroadcastStrides s;
  s.c = in.c == 1 && out.c != 1 ? 0 : 1;
  s.w = in.w == 1 && out.w != 1 ? 0 : int64_t{in.c};
  s.h = in.h == 1 && out.h != 1 ? 0 : int64_t{in.c} * in.w;
  s.n = in.n == 1 && out.n != 1 ? 0 : int64_t{in.c} * in.w * in.h;
  return s;
}

// Calls f(a_index, b_index, out_index) for every output element in NHWC order.
template <typename F>
void ForEachBroadcast(const Dims4& a, const Dims4& b, const Dims4& out, F f) {
  const BroadcastStrides sa = StridesFor(a, out), sb = StridesFor(b, out);
  int64_t o = 0;
  for (int32_t n = 0; n < out.n; ++n) {
    for (int32_t y = 0; y < out.h; ++y) {
      for (int32_t x = 0; x < out.w; ++x) {
        const int64_t ia = n * sa.n + y * sa.h + x * sa.w;
        const int64_t ib = n * sb.n + y * sb.h + x * sb.w;
        for (int32_t c = 0; c < out.c; ++c, ++o) f(ia + c * sa.c, ib + c * sb.c, o);
      }
    }
  }
}

}  // namespace posenet::ref
