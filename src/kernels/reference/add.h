// Reference ADD with 4-D broadcasting (a dimension of size 1 repeats) and a fused activation.
// Float: clamp(a + b, float_min, float_max).
// Quantized (uint8, int8), TFLite's integer rule: both inputs are brought to a common scale
// (twice the larger input scale) with 20 bits of headroom, added, and rescaled:
//   a' = MBQM((qa + input1_offset) << left_shift, input1_multiplier, input1_shift)
//   b' = MBQM((qb + input2_offset) << left_shift, input2_multiplier, input2_shift)
//   q  = clamp(MBQM(a' + b', output_multiplier, output_shift) + output_offset)
// where MBQM is MultiplyByQuantizedMultiplier and the offsets are -zp_in1, -zp_in2, +zp_out.
#pragma once

#include <cstdint>

#include "kernels/kernel_params.h"

namespace posenet::ref {

// The multipliers of a quantized ADD, derived from the scales as TFLite's Prepare does:
//   twice_max = 2 * max(s1, s2);  m1 = s1 / twice_max;  m2 = s2 / twice_max;
//   m_out = twice_max / (2^left_shift * s_out)   (all in double from the float scales).
// quant_min/quant_max are the activation clamp (kernels/activation.h).
ElementwiseParams QuantizedAddParams(const QuantParams& in1, const QuantParams& in2,
                                     const QuantParams& out, int32_t quant_min, int32_t quant_max);

void AddFloat(const ElementwiseParams& p, const Dims4& shape1, const float* in1,
              const Dims4& shape2, const float* in2, const Dims4& out_shape, float* out);
void AddUint8(const ElementwiseParams& p, const Dims4& shape1, const uint8_t* in1,
              const Dims4& shape2, const uint8_t* in2, const Dims4& out_shape, uint8_t* out);
void AddInt8(const ElementwiseParams& p, const Dims4& shape1, const int8_t* in1,
             const Dims4& shape2, const int8_t* in2, const Dims4& out_shape, int8_t* out);

}  // namespace posenet::ref
