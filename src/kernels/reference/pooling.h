// Reference AVERAGE_POOL_2D and MAX_POOL_2D on NHWC tensors (same depth in and out).
// The window of output (y, x) starts at input (y * stride_h - pad_top, x * stride_w - pad_left);
// taps outside the input are excluded, so border averages divide by the number of real taps
// (TFLite semantics).
// Average, float: sum / count, then the activation clamp.
// Average, quantized: the input and output share scale and zero point, so the average is taken
// on the raw values with TFLite's rounding: (sum + count/2) / count for sum > 0, else
// (sum - count/2) / count (C++ division truncates: half away from zero), then the clamp.
// Max: the largest real tap, then the clamp (quant_min/quant_max or float_min/float_max).
// A window with no real tap (impossible for shapes TFLite accepts) yields the clamp of 0.
#pragma once

#include <cstdint>

#include "kernels/kernel_params.h"

namespace posenet::ref {

void AveragePool2DFloat(const PoolParams& p, const Dims4& in_shape, const float* in,
                        const Dims4& out_shape, float* out);
void AveragePool2DUint8(const PoolParams& p, const Dims4& in_shape, const uint8_t* in,
                        const Dims4& out_shape, uint8_t* out);
void AveragePool2DInt8(const PoolParams& p, const Dims4& in_shape, const int8_t* in,
                       const Dims4& out_shape, int8_t* out);

void MaxPool2DFloat(const PoolParams& p, const Dims4& in_shape, const float* in,
                    const Dims4& out_shape, float* out);
void MaxPool2DUint8(const PoolParams& p, const Dims4& in_shape, const uint8_t* in,
                    const Dims4& out_shape, uint8_t* out);
void MaxPool2DInt8(const PoolParams& p, const Dims4& in_shape, const int8_t* in,
                   const Dims4& out_shape, int8_t* out);

}  // namespace posenet::ref
