#include "runtime/ops/quant_params.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/quantization.h"

namespace posenet {

QuantParams QuantOf(const TensorDef& t) {
  return {t.quantization.scale[0], static_cast<int32_t>(t.quantization.zero_point[0])};
}

Status ConvolutionRequant(const PrepareContext& ctx, const TensorDef& input,
                          const TensorDef& filter, const TensorDef& output, int32_t channels,
                          int32_t channel_dimension, Requant& requant) {
  const float s_in = input.quantization.scale[0];
  const float s_out = output.quantization.scale[0];
  const auto& s_w = filter.quantization.scale;
  if (s_w.size() != 1 && s_w.size() != static_cast<size_t>(channels)) {
    return OpError(ctx, "filter " + Quoted(filter) + " has " + std::to_string(s_w.size()) +
                            " scales, expected 1 or " + std::to_string(channels));
  }
  if (s_w.size() > 1 && filter.quantization.quantized_dimension != channel_dimension) {
    return OpError(ctx, "filter " + Quoted(filter) + " has per-channel scales along dimension " +
                            std::to_string(filter.quantization.quantized_dimension) +
                            ", expected " + std::to_string(channel_dimension));
  }
  requant.multiplier.resize(channels);
  requant.shift.resize(channels);
  for (int32_t c = 0; c < channels; ++c) {
    const float s_c = s_w.size() == 1 ? s_w[0] : s_w[c];
    const QuantizedMultiplier q = ConvolutionMultiplier(s_in, s_c, s_out);
    POSENET_RETURN_IF_ERROR(ExpectRepresentable(ctx, q, static_cast<double>(s_in) * s_c / s_out,
                                                "output channel " + std::to_string(c)));
    requant.multiplier[c] = q.multiplier;
    requant.shift[c] = q.shift;
  }
  return Status::Ok();
}

}  // namespace posenet
