// Reference ADD and MUL: one broadcasting driver (4-D, a dimension of size 1 repeats) with a
// fused activation, the op choosing what one pair of elements gives.
// Float: clamp(a + b or a * b, float_min, float_max).
// Quantized ADD (uint8, int8), TFLite's integer rule: both inputs are brought to a common scale
// (twice the larger input scale) with 20 bits of headroom, added, and rescaled:
//   a' = MBQM((qa + input1_offset) << left_shift, input1_multiplier, input1_shift)
//   b' = MBQM((qb + input2_offset) << left_shift, input2_multiplier, input2_shift)
//   q  = clamp(MBQM(a' + b', output_multiplier, output_shift) + output_offset)
// Quantized MUL, TFLite's integer rule with one multiplier M = s1 * s2 / s_out:
//   q = clamp(MBQM((qa + input1_offset) * (qb + input2_offset), output_multiplier,
//                  output_shift) + output_offset)
//   (the input multipliers and left_shift of ElementwiseParams are unused).
// MBQM is MultiplyByQuantizedMultiplier and the offsets are -zp_in1, -zp_in2, +zp_out.
#pragma once

#include <cstdint>

#include "kernels/kernel_params.h"

namespace posenet::ref {

enum class BinaryOp { kAdd, kMul };

// The multipliers of a quantized ADD, derived from the scales as TFLite's Prepare does:
//   twice_max = 2 * max(s1, s2);  m1 = s1 / twice_max;  m2 = s2 / twice_max;
//   m_out = twice_max / (2^left_shift * s_out)   (all in double from the float scales).
// quant_min/quant_max are the activation clamp (kernels/activation.h).
ElementwiseParams QuantizedAddParams(const QuantParams& in1, const QuantParams& in2,
                                     const QuantParams& out, int32_t quant_min, int32_t quant_max);

// As TFLite's Prepare: M = double(s1 * s2 / s_out) (the product and quotient in float).
ElementwiseParams QuantizedMulParams(const QuantParams& in1, const QuantParams& in2,
                                     const QuantParams& out, int32_t quant_min, int32_t quant_max);

void BinaryElementwise(BinaryOp op, const ElementwiseParams& p, const Dims4& shape1,
                       const float* in1, const Dims4& shape2, const float* in2,
                       const Dims4& out_shape, float* out);
void BinaryElementwise(BinaryOp op, const ElementwiseParams& p, const Dims4& shape1,
                       const uint8_t* in1, const Dims4& shape2, const uint8_t* in2,
                       const Dims4& out_shape, uint8_t* out);
void BinaryElementwise(BinaryOp op, const ElementwiseParams& p, const Dims4& shape1,
                       const int8_t* in1, const Dims4& shape2, const int8_t* in2,
                       const Dims4& out_shape, int8_t* out);

}  // namespace posenet::ref
