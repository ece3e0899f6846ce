// Reference QUANTIZE and DEQUANTIZE (per-tensor), as TFLite's reference kernels:
//   quantize:   q = clamp((int32) round(x / scale) + zero_point, type range)
//               (float division, round half away from zero)
//   dequantize: x = (float)((double) scale * (q - zero_point))
//   requantize (QUANTIZE between 8-bit types):
//               q' = clamp(MBQM(q - zp_in, M, shift) + zp_out), M = double(s_in) / double(s_out)
#pragma once

#include <cstdint>

#include "kernels/kernel_params.h"

namespace posenet::ref {

void QuantizeToUint8(const QuantParams& q, int64_t size, const float* in, uint8_t* out);
void QuantizeToInt8(const QuantParams& q, int64_t size, const float* in, int8_t* out);

void DequantizeUint8(const QuantParams& q, int64_t size, const uint8_t* in, float* out);
void DequantizeInt8(const QuantParams& q, int64_t size, const int8_t* in, float* out);

// The multiplier and shift of a requantization from `in` to `out`.
struct RequantizeParams {
  int32_t input_zero_point = 0, output_zero_point = 0;
  int32_t multiplier = 1 << 30, shift = 1;  // 1.0
};
RequantizeParams MakeRequantizeParams(const QuantParams& in, const QuantParams& out);

void Requantize(const RequantizeParams& p, int64_t size, const uint8_t* in, uint8_t* out);
void Requantize(const RequantizeParams& p, int64_t size, const uint8_t* in, int8_t* out);
void Requantize(const RequantizeParams& p, int64_t size, const int8_t* in, uint8_t* out);
void Requantize(const RequantizeParams& p, int64_t size, const int8_t* in, int8_t* out);

}  // namespace posenet::ref
