// Reference PAD with a constant: out[n, y, x, c] = in[n - before[0], y - before[1], ...] where
// that index lies inside the input, else the constant (float_value for float; quant_value,
// normally the output zero point so that the padding means real 0, for uint8/int8).
// out_shape[d] = before[d] + in_shape[d] + after[d].
#pragma once

#include <cstdint>

#include "kernels/kernel_params.h"

namespace posenet::ref {

void PadFloat(const PadParams& p, const Dims4& in_shape, const float* in, const Dims4& out_shape,
              float* out);
void PadUint8(const PadParams& p, const Dims4& in_shape, const uint8_t* in, const Dims4& out_shape,
              uint8_t* out);
void PadInt8(const PadParams& p, const Dims4& in_shape, const int8_t* in, const Dims4& out_shape,
             int8_t* out);

}  // namespace posenet::ref
