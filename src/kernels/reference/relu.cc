#include "kernels/reference/relu.h"

#include <algorithm>
#include <cmath>

#include "kernels/activation.h"
#include "kernels/quantization.h"

namespace posenet::ref {
namespace {

template <typename T>
void ReluQuantized(const ActivationParams& p, int64_t size, const T* in, T* out) {
  for (int64_t i = 0; i < size; ++i) {
    const int32_t v =
        WrappingAdd(MultiplyByQuantizedMultiplier(int32_t{in[i]} - p.input_zero_point,
                                                  p.output_multiplier, p.output_shift),
                    p.output_zero_point);
    out[i] = static_cast<T>(std::clamp(v, p.quant_min, p.quant_max));
  }
}

}  // namespace

ActivationParams MakeReluParams(float act_min, float act_max, const QuantParams& in,
                                const QuantParams& out, DataType type) {
  ActivationParams p;
  p.float_min = act_min;
  p.float_max = std::isinf(act_max) ? std::numeric_limits<float>::max() : act_max;
  if (type != DataType::kUInt8 && type != DataType::kInt8) return p;
  const auto [type_min, type_max] = QuantizedTypeRange(type);
  p.input_zero_point = in.zero_point;
  p.output_zero_point = out.zero_point;
  const QuantizedMultiplier m = QuantizeMultiplier(static_cast<double>(in.scale / out.scale));
  p.output_multiplier = m.multiplier;
  p.output_shift = m.shift;
  p.quant_min = QuantizeRounded(act_min / out.scale, out.zero_point, type_min, type_max);
  p.quant_max = std::isinf(act_max)
                    ? type_max
                    : QuantizeRounded(act_max / out.scale, out.zero_point, type_min, type_max);
  return p;
}

void ReluFloat(const ActivationParams& p, int64_t size, const float* in, float* out) {
  for (int64_t i = 0; i < size; ++i) out[i] = std::min(std::max(in[i], p.float_min), p.float_max);
}

void ReluUint8(const ActivationParams& p, int64_t size, const uint8_t* in, uint8_t* out) {
  ReluQuantized(p, size, in, out);
}

void ReluInt8(const ActivationParams& p, int64_t size, const int8_t* in, int8_t* out) {
  ReluQuantized(p, size, in, out);
}

}  // namespace posenet::ref
