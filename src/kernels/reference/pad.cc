#include "kernels/reference/pad.h"

#include <algorithm>

namespace posenet::ref {
namespace {

template <typename T>
void PadLoops(const PadParams& p, const Dims4& is, const T* in, const Dims4& os, T* out, T value) {
  const auto& bf = p.before;
  int64_t o = 0;
  for (int32_t n = 0; n < os.n; ++n) {
    const int32_t in_n = n - bf[0];
    const bool n_inside = in_n >= 0 && in_n < is.n;
    for (int32_t y = 0; y < os.h; ++y) {
      const int32_t in_y = y - bf[1];
      const bool row_inside = n_inside && in_y >= 0 && in_y < is.h;
      for (int32_t x = 0; x < os.w; ++x, o += os.c) {
        const int32_t in_x = x - bf[2];
        T* dst = out + o;
        if (!row_inside || in_x < 0 || in_x >= is.w) {
          std::fill(dst, dst + os.c, value);
          continue;
        }
        // Channels: [constant * before, the input pixel, constant * after].
        const T* src = in + ((int64_t{in_n} * is.h + in_y) * is.w + in_x) * is.c;
        std::fill(dst, dst + bf[3], value);
        std::copy(src, src + is.c, dst + bf[3]);
        std::fill(dst + bf[3] + is.c, dst + os.c, value);
      }
    }
  }
}

}  // namespace

void PadFloat(const PadParams& p, const Dims4& is, const float* in, const Dims4& os, float* out) {
  PadLoops(p, is, in, os, out, p.float_value);
}

void PadUint8(const PadParams& p, const Dims4& is, const uint8_t* in, const Dims4& os,
              uint8_t* out) {
  PadLoops(p, is, in, os, out, static_cast<uint8_t>(p.quant_value));
}

void PadInt8(const PadParams& p, const Dims4& is, const int8_t* in, const Dims4& os, int8_t* out) {
  PadLoops(p, is, in, os, out, static_cast<int8_t>(p.quant_value));
}

}  // namespace posenet::ref
