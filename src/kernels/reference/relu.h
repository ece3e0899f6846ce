// Reference RELU and RELU6 (also RELU_N1_TO_1): elementwise clamp.
// Float: out = min(max(x, float_min), float_max) with [0, +max] for RELU and [0, 6] for RELU6.
// Quantized (uint8, int8), as TFLite's ReluX: the input is rescaled to the output quantization
// and clamped there,
//   out = clamp(MBQM(q - zp_in, M, shift) + zp_out, quant_min, quant_max),  M = s_in / s_out
// (M = 1 when input and output share quantization: then it is a plain clamp in the quantized
// domain). quant_min/quant_max are TFLite's bounds: max(type_min, zp_out + round(act_min /
// s_out)) and, for a finite act_max, min(type_max, zp_out + round(act_max / s_out)).
#pragma once

#include <cstdint>
#include <limits>

#include "base/tensor_types.h"
#include "kernels/kernel_params.h"

namespace posenet::ref {

// act_min/act_max: 0/+infinity for RELU, 0/6 for RELU6, -1/1 for RELU_N1_TO_1. Quantized
// fields follow TFLite: M = double(float(s_in / s_out)).
ActivationParams MakeReluParams(float act_min, float act_max, const QuantParams& in,
                                const QuantParams& out, DataType type);

void ReluFloat(const ActivationParams& p, int64_t size, const float* in, float* out);
void ReluUint8(const ActivationParams& p, int64_t size, const uint8_t* in, uint8_t* out);
void ReluInt8(const ActivationParams& p, int64_t size, const int8_t* in, int8_t* out);

}  // namespace posenet::ref
