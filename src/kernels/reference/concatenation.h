// Reference CONCATENATION along one axis of 4-D NHWC shapes. Every input matches the output in
// all other dimensions; the output's axis is the sum of the inputs'. The output is filled as
// outer (dims before the axis) x [input 0 block, input 1 block, ...].
// Quantized inputs whose scale and zero point equal the output's are copied. Others are
// requantized as TFLite's ConcatenationWithScaling, in float:
//   s = in_scale * (1 / out_scale), bias = -in_zp * s,
//   q = clamp((int32) round(q_in * s + bias) + out_zp)   (round half away from zero).
// TFLite only does this for uint8 (int8 requires equal parameters); int8 here uses the same rule.
#pragma once

#include <cstdint>
#include <span>

#include "kernels/kernel_params.h"

namespace posenet::ref {

void ConcatenationFloat(const ConcatParams& p, std::span<const Dims4> in_shapes,
                        std::span<const float* const> inputs, const Dims4& out_shape, float* out);
void ConcatenationUint8(const ConcatParams& p, std::span<const Dims4> in_shapes,
                        std::span<const uint8_t* const> inputs, const Dims4& out_shape,
                        uint8_t* out);
void ConcatenationInt8(const ConcatParams& p, std::span<const Dims4> in_shapes,
                       std::span<const int8_t* const> inputs, const Dims4& out_shape, int8_t* out);

}  // namespace posenet::ref
