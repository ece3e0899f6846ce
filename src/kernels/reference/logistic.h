// Reference LOGISTIC (sigmoid).
// Float: 1 / (1 + exp(-x)) in float.
// Quantized (uint8, int8): as TFLite's built-in kernel, which goes through float via a
// 256-entry table: for every possible input q,
//   x = s_in * (q - zp_in)            (float)
//   y = 1 / (1 + exp(-x))             (float)
//   q' = clamp((int32)(round(y * (1 / s_out)) + zp_out))
// TFLite requires s_out = 1/256 and zp_out = 0 (uint8) or -128 (int8); the formula works for
// any output quantization and the caller enforces TFLite's rule if it wants to.
#pragma once

#include <cstdint>

#include "kernels/kernel_params.h"

namespace posenet::ref {

void LogisticFloat(int64_t size, const float* in, float* out);
void LogisticUint8(const QuantParams& in_q, const QuantParams& out_q, int64_t size,
                   const uint8_t* in, uint8_t* out);
void LogisticInt8(const QuantParams& in_q, const QuantParams& out_q, int64_t size, const int8_t* in,
                  int8_t* out);

}  // namespace posenet::ref
