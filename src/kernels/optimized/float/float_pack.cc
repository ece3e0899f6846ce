#include "kernels/optimized/float/float_pack.h"

#include <algorithm>

namespace posenet::fconv {

void PackGemm(const float* filter, const float* bias, int32_t n, int32_t k, int32_t width,
              int32_t vector, PackedGemm& packed) {
  const int32_t panels = (n + width - 1) / width;
  const size_t floats = size_t{static_cast<uint32_t>(panels)} * width * k;
  packed.data = AlignedBuffer(floats * sizeof(float));
  packed.bias = AlignedBuffer(size_t{static_cast<uint32_t>(panels)} * width * sizeof(float));
  auto* dst = reinterpret_cast<float*>(packed.data.data());
  auto* dst_bias = reinterpret_cast<float*>(packed.bias.data());
  for (int32_t p = 0; p < panels; ++p) {
    const int32_t c0 = p * width;
    const int32_t live = std::min(width, n - c0);
    // The last panel keeps only the vectors it needs, so its rows are narrower.
    const int32_t pw = p + 1 < panels ? width : (live + vector - 1) / vector * vector;
    float* panel = dst + int64_t{c0} * k;
    for (int32_t kk = 0; kk < k; ++kk) {
      for (int32_t j = 0; j < live; ++j)
        panel[int64_t{kk} * pw + j] = filter[int64_t{c0 + j} * k + kk];
    }
    if (bias != nullptr) std::copy(bias + c0, bias + c0 + live, dst_bias + c0);
  }
  packed.view = GemmPanels{dst, dst_bias, k, n, width, panels};
}

void PackDepthwise3x3(const float* filter, const float* bias, int32_t c, PackedDepthwise& packed) {
  packed.c_padded = (c + 15) / 16 * 16;
  const size_t cp = static_cast<size_t>(packed.c_padded);
  packed.w = AlignedBuffer(9 * cp * sizeof(float));
  packed.bias = AlignedBuffer(cp * sizeof(float));
  auto* w = reinterpret_cast<float*>(packed.w.data());
  for (int32_t t = 0; t < 9; ++t)
    std::copy(filter + int64_t{t} * c, filter + int64_t{t + 1} * c, w + t * cp);
  if (bias != nullptr) std::copy(bias, bias + c, reinterpret_cast<float*>(packed.bias.data()));
}

}  // namespace posenet::fconv
