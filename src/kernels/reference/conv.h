// Reference CONV_2D and DEPTHWISE_CONV_2D: plain loops that serve as the specification.
// Layouts: input/output NHWC; conv filter OHWI; depthwise filter [1, KH, KW, C*multiplier].
// Quantized variants: uint8 with per-tensor asymmetric quantization (filter_offset = -zp_w),
// int8 with per-channel symmetric weights (filter_offset = 0, one multiplier per channel).
// Bias may be null. Padded taps contribute nothing (they read the input zero point).
#pragma once

#include <cstdint>

#include "kernels/kernel_params.h"

namespace posenet::ref {

void Conv2DFloat(const ConvParams& p, const Dims4& in_shape, const float* in,
                 const Dims4& filter_shape, const float* filter, const float* bias,
                 const Dims4& out_shape, float* out);
void Conv2DUint8(const ConvParams& p, const Dims4& in_shape, const uint8_t* in,
                 const Dims4& filter_shape, const uint8_t* filter, const int32_t* bias,
                 const Dims4& out_shape, uint8_t* out);
void Conv2DInt8(const ConvParams& p, const Dims4& in_shape, const int8_t* in,
                const Dims4& filter_shape, const int8_t* filter, const int32_t* bias,
                const Dims4& out_shape, int8_t* out);

void DepthwiseConv2DFloat(const ConvParams& p, const Dims4& in_shape, const float* in,
                          const Dims4& filter_shape, const float* filter, const float* bias,
                          const Dims4& out_shape, float* out);
void DepthwiseConv2DUint8(const ConvParams& p, const Dims4& in_shape, const uint8_t* in,
                          const Dims4& filter_shape, const uint8_t* filter, const int32_t* bias,
                          const Dims4& out_shape, uint8_t* out);
void DepthwiseConv2DInt8(const ConvParams& p, const Dims4& in_shape, const int8_t* in,
                         const Dims4& filter_shape, const int8_t* filter, const int32_t* bias,
                         const Dims4& out_shape, int8_t* out);

}  // namespace posenet::ref
