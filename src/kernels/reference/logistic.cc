#include "kernels/reference/logistic.h"

#include "kernels/quantization.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace posenet::ref {
namespace {

float Sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

template <typename T>
void LogisticQuantized(const QuantParams& in_q, const QuantParams& out_q, int64_t size, const T* in,
                       T* out) {
  constexpr int32_t kMin = std::numeric_limits<T>::min(), kMax = std::numeric_limits<T>::max();
  // 256 evaluations instead of one per element; each entry is the float formula above.
  std::array<T, 256> table;
  const float inverse_out_scale = 1.0f / out_q.scale;
  for (int32_t q = kMin; q <= kMax; ++q) {
    const float x = in_q.scale * static_cast<float>(q - in_q.zero_point);
    // round(s / scale + zero point), the zero point added in float as TFLite's formula does.
    const float rescaled = std::round(Sigmoid(x) * inverse_out_scale);
    const float shifted = rescaled + static_cast<float>(out_q.zero_point);
    table[static_cast<uint8_t>(q - kMin)] = static_cast<T>(QuantizeRounded(shifted, 0, kMin, kMax));
  }
  for (int64_t i = 0; i < size; ++i) out[i] = table[static_cast<uint8_t>(in[i] - kMin)];
}

}  // namespace

void LogisticFloat(int64_t size, const float* in, float* out) {
  for (int64_t i = 0; i < size; ++i) out[i] = Sigmoid(in[i]);
}

void LogisticUint8(const QuantParams& in_q, const QuantParams& out_q, int64_t size,
                   const uint8_t* in, uint8_t* out) {
  LogisticQuantized(in_q, out_q, size, in, out);
}

void LogisticInt8(const QuantParams& in_q, const QuantParams& out_q, int64_t size, const int8_t* in,
                  int8_t* out) {
  LogisticQuantized(in_q, out_q, size, in, out);
}

}  // namespace posenet::ref
