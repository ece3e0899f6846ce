#include "runtime/ops/quant_params.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/quantization.h"

namespace posenet {

std::pair<float, float> FloatActivationRange(Activation activation) {
  constexpr float kMax = std::numeric_limits<float>::max();
  switch (activation) {
    case Activation::kNone: return {-kMax, kMax};
    case Activation::kRelu: return {0.0f, kMax};
    case Activation::kReluN1To1: return {-1.0f, 1.0f};
    case Activation::kRelu6: return {0.0f, 6.0f};
  }
  return {-kMax, kMax};
}

std::pair<int32_t, int32_t> QuantizedActivationRange(Activation activation,
                                                     const TensorDef& out) {
  const int32_t qmin = out.type == DataType::kInt8 ? -128 : 0;
  const int32_t qmax = out.type == DataType::kInt8 ? 127 : 255;
  const float scale = out.quantization.scale[0];
  const int32_t zp = static_cast<int32_t>(out.quantization.zero_point[0]);
  auto quantize = [&](float f) { return zp + static_cast<int32_t>(std::round(f / scale)); };
  switch (activation) {
    case Activation::kNone: return {qmin, qmax};
    case Activation::kRelu: return {std::max(qmin, quantize(0.0f)), qmax};
    case Activation::kRelu6:
      return {std::max(qmin, quantize(0.0f)), std::min(qmax, quantize(6.0f))};
    case Activation::kReluN1To1:
      return {std::max(qmin, quantize(-1.0f)), std::min(qmax, quantize(1.0f))};
  }
  return {qmin, qmax};
}

Status ConvolutionRequant(const PrepareContext& ctx, const TensorDef& input,
                          const TensorDef& filter, const TensorDef& output, int32_t channels,
                          Requant& requant) {
  const float s_in = input.quantization.scale[0];
  const float s_out = output.quantization.scale[0];
  const auto& s_w = filter.quantization.scale;
  if (s_w.size() != 1 && s_w.size() != static_cast<size_t>(channels)) {
    return OpError(ctx, "filter '" + filter.name + "' has " + std::to_string(s_w.size()) +
                            " scales, expected 1 or " + std::to_string(channels));
  }
  requant.multiplier.resize(channels);
  requant.shift.resize(channels);
  for (int32_t c = 0; c < channels; ++c) {
    const double real =
        s_w.size() == 1 ? static_cast<double>(s_in * s_w[0]) / static_cast<double>(s_out)
                        : static_cast<double>(s_in) * static_cast<double>(s_w[c]) /
                              static_cast<double>(s_out);
    const QuantizedMultiplier q = QuantizeMultiplier(real);
    requant.multiplier[c] = q.multiplier;
    requant.shift[c] = q.shift;
  }
  return Status::Ok();
}

}  // namespace posenet
