#include "kernels/reference/quantize.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/quantization.h"

namespace posenet::ref {
namespace {

template <typename T>
void QuantizeTo(const QuantParams& q, int64_t size, const float* in, T* out) {
  constexpr int32_t kMin = std::numeric_limits<T>::min(), kMax = std::numeric_limits<T>::max();
  for (int64_t i = 0; i < size; ++i) {
    // Clamp in float first: a huge value must not overflow the integer conversion (TFLite
    // leaves that undefined); NaN maps to the zero point.
    float r = std::round(in[i] / q.scale);
    if (std::isnan(r)) r = 0.0f;
    const float bounded = std::clamp(r, -2147483520.0f, 2147483520.0f);
    const int64_t v = static_cast<int64_t>(bounded) + q.zero_point;
    out[i] = static_cast<T>(std::clamp<int64_t>(v, kMin, kMax));
  }
}

template <typename T>
void DequantizeFrom(const QuantParams& q, int64_t size, const T* in, float* out) {
  const double scale = q.scale;
  for (int64_t i = 0; i < size; ++i) {
    out[i] = static_cast<float>(scale * (int32_t{in[i]} - q.zero_point));
  }
}

template <typename In, typename Out>
void RequantizeImpl(const RequantizeParams& p, int64_t size, const In* in, Out* out) {
  constexpr int32_t kMin = std::numeric_limits<Out>::min();
  constexpr int32_t kMax = std::numeric_limits<Out>::max();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t v = WrappingAdd(
        MultiplyByQuantizedMultiplier(int32_t{in[i]} - p.input_zero_point, p.multiplier, p.shift),
        p.output_zero_point);
    out[i] = static_cast<Out>(std::clamp(v, kMin, kMax));
  }
}

}  // namespace

void QuantizeToUint8(const QuantParams& q, int64_t size, const float* in, uint8_t* out) {
  QuantizeTo(q, size, in, out);
}
void QuantizeToInt8(const QuantParams& q, int64_t size, const float* in, int8_t* out) {
  QuantizeTo(q, size, in, out);
}

void DequantizeUint8(const QuantParams& q, int64_t size, const uint8_t* in, float* out) {
  DequantizeFrom(q, size, in, out);
}
void DequantizeInt8(const QuantParams& q, int64_t size, const int8_t* in, float* out) {
  DequantizeFrom(q, size, in, out);
}

RequantizeParams MakeRequantizeParams(const QuantParams& in, const QuantParams& out) {
  RequantizeParams p;
  p.input_zero_point = in.zero_point;
  p.output_zero_point = out.zero_point;
  const QuantizedMultiplier m =
      QuantizeMultiplier(static_cast<double>(in.scale) / static_cast<double>(out.scale));
  p.multiplier = m.multiplier;
  p.shift = m.shift;
  return p;
}

void Requantize(const RequantizeParams& p, int64_t size, const uint8_t* in, uint8_t* out) {
  RequantizeImpl(p, size, in, out);
}
void Requantize(const RequantizeParams& p, int64_t size, const uint8_t* in, int8_t* out) {
  RequantizeImpl(p, size, in, out);
}
void Requantize(const RequantizeParams& p, int64_t size, const int8_t* in, uint8_t* out) {
  RequantizeImpl(p, size, in, out);
}
void Requantize(const RequantizeParams& p, int64_t size, const int8_t* in, int8_t* out) {
  RequantizeImpl(p, size, in, out);
}

}  // namespace posenet::ref
