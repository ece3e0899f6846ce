// Quantization parameters the ops derive from tensor scales, exactly as TFLite derives them.
#pragma once

#include <cstdint>
#include <utility>

#include "base/tensor_types.h"
#include "kernels/kernel_params.h"
#include "model/model_file.h"
#include "runtime/ops/op_checks.h"

namespace posenet {

// The per-tensor quantization of `t` (checked by ExpectPerTensorQuantization).
QuantParams QuantOf(const TensorDef& t);

// Per-output-channel requantization for CONV_2D / DEPTHWISE_CONV_2D:
// M[c] = double(s_in) * double(s_w[c or 0]) / double(s_out), all products in double. (Some TFLite
// versions form the per-tensor product s_in * s_w in float first; the reference outputs in
// ../shared/data/reference/raw, made with the double rule, differ from that in 1-LSB cases.)
// Per-channel filter scales must lie along `channel_dimension` (0 for CONV_2D's OHWI filters, 3
// for DEPTHWISE_CONV_2D's), and every multiplier be representable (ExpectRepresentable).
Status ConvolutionRequant(const PrepareContext& ctx, const TensorDef& input,
                          const TensorDef& filter, const TensorDef& output, int32_t channels,
                          int32_t channel_dimension, Requant& requant);

}  // namespace posenet
