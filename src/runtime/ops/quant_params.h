// Quantization parameters the ops derive from tensor scales, exactly as TFLite derives them.
#pragma once

#include <cstdint>
#include <utility>

#include "base/tensor_types.h"
#include "kernels/kernel_params.h"
#include "model/model_file.h"
#include "runtime/ops/op_checks.h"

namespace posenet {

// The float clamp of a fused activation ([-inf, inf], [0, inf], [0, 6], [-1, 1]).
std::pair<float, float> FloatActivationRange(Activation activation);

// The clamp of a fused activation in the output's quantized domain, as TFLite's
// CalculateActivationRangeQuantized: the type's range intersected with
// zero_point + round(bound / scale).
std::pair<int32_t, int32_t> QuantizedActivationRange(Activation activation, const TensorDef& out);

// Per-output-channel requantization for CONV_2D / DEPTHWISE_CONV_2D. Per-tensor filters use
// TFLite's GetQuantizedConvolutionMultipler: double(float(s_in * s_w)) / double(s_out);
// per-channel filters use double(s_in) * double(s_w[c]) / double(s_out).
Status ConvolutionRequant(const PrepareContext& ctx, const TensorDef& input,
                          const TensorDef& filter, const TensorDef& output, int32_t channels,
                          Requant& requant);

}  // namespace posenet
