#include "kernels/activation.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/quantization.h"

namespace posenet {

std::pair<float, float> CalculateActivationRangeFloat(Activation activation) {
  constexpr float kMax = std::numeric_limits<float>::max();
  switch (activation) {
    case Activation::kNone:
      return {-kMax, kMax};
    case Activation::kRelu:
      return {0.0f, kMax};
    case Activation::kReluN1To1:
      return {-1.0f, 1.0f};
    case Activation::kRelu6:
      return {0.0f, 6.0f};
  }
  return {-kMax, kMax};
}

std::pair<int32_t, int32_t> QuantizedTypeRange(DataType type) {
  switch (type) {
    case DataType::kUInt8:
      return {0, 255};
    case DataType::kInt8:
      return {-128, 127};
    default:
      return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
  }
}

std::pair<int32_t, int32_t> CalculateActivationRangeQuantized(Activation activation, float scale,
                                                              int32_t zero_point, DataType type) {
  const auto [qmin, qmax] = QuantizedTypeRange(type);
  // TFLite quantizes the bound in float: f / scale, then round half away from zero.
  auto quantize = [&](float f) {
    return QuantizeRounded(f / scale, zero_point, std::numeric_limits<int32_t>::min(),
                           std::numeric_limits<int32_t>::max());
  };
  switch (activation) {
    case Activation::kNone:
      return {qmin, qmax};
    case Activation::kRelu:
      return {std::max(qmin, quantize(0.0f)), qmax};
    case Activation::kReluN1To1:
      return {std::max(qmin, quantize(-1.0f)), std::min(qmax, quantize(1.0f))};
    case Activation::kRelu6:
      return {std::max(qmin, quantize(0.0f)), std::min(qmax, quantize(6.0f))};
  }
  return {qmin, qmax};
}

}  // namespace posenet
