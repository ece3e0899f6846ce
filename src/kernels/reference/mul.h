// Reference MUL with 4-D broadcasting (a dimension of size 1 repeats) and a fused activation.
// Float: clamp(a * b, float_min, float_max).
// Quantized (uint8, int8), TFLite's integer rule with one multiplier M = s1 * s2 / s_out:
//   q = clamp(MBQM((qa + input1_offset) * (qb + input2_offset), output_multiplier,
//                  output_shift) + output_offset)
// The input multipliers and left_shift of ElementwiseParams are unused.
#pragma once

#include <cstdint>

#include "kernels/kernel_params.h"

namespace posenet::ref {

// As TFLite's Prepare: M = double(s1 * s2 / s_out) (the product and quotient in float).
ElementwiseParams QuantizedMulParams(const QuantParams& in1, const QuantParams& in2,
                                     const QuantParams& out, int32_t quant_min, int32_t quant_max);

void MulFloat(const ElementwiseParams& p, const Dims4& shape1, const float* in1,
              const Dims4& shape2, const float* in2, const Dims4& out_shape, float* out);
void MulUint8(const ElementwiseParams& p, const Dims4& shape1, const uint8_t* in1,
              const Dims4& shape2, const uint8_t* in2, const Dims4& out_shape, uint8_t* out);
void MulInt8(const ElementwiseParams& p, const Dims4& shape1, const int8_t* in1,
             const Dims4& shape2, const int8_t* in2, const Dims4& out_shape, int8_t* out);

}  // namespace posenet::ref
