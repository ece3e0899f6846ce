// The geometry of a quantized convolution as the SIMD kernels of every architecture read it
// (x86-64: dense_plan.h, depthwise_plan.h; AArch64: quantized_arm/): plain integers only, the
// base of each level family's plan. Filled by prepare_geometry.h.
#pragma once

#include <cstdint>

namespace posenet {

// A dense CONV_2D as a GEMM: row m = one output pixel, whose K = KH*KW*C input values (filter
// order fy, fx, c) multiply the output channels' weights.
struct DenseGeometry {
  int32_t batch = 1, in_h = 1, in_w = 1, in_c = 1, out_h = 1, out_w = 1, out_c = 1;
  int32_t kh = 1, kw = 1, stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int32_t pad_top = 0, pad_left = 0;
  int32_t k = 1;           // KH*KW*C
  bool signed_io = false;  // int8 input/output (else uint8)
  int32_t output_offset = 0, quant_min = 0, quant_max = 255;

  int64_t rows() const { return int64_t{batch} * out_h * out_w; }
};

// A depthwise convolution (depth multiplier 1), per-channel arrays padded to padded_channels.
struct DepthwiseGeometry {
  bool is_signed = false;  // int8 tensors (else uint8)
  int32_t batches = 1, in_h = 1, in_w = 1, channels = 1;
  int32_t out_h = 1, out_w = 1;
  int32_t filter_h = 1, filter_w = 1;
  int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int32_t pad_top = 0, pad_left = 0;
  int32_t padded_channels = 16;  // a multiple of the level family's channel block
  // Output columns [interior_x_begin, interior_x_end) read every tap of the filter inside the
  // input width (no padding): the fast paths run there without bounds checks.
  int32_t interior_x_begin = 0, interior_x_end = 0;
  int32_t input_offset = 0, output_offset = 0, quant_min = 0, quant_max = 255;
  // in_w * channels bytes of the input zero point: the kernels read it in place of rows outside
  // the input, so rows at the top and bottom edges run the fast paths too.
  const uint8_t* zero_row = nullptr;
};

}  // namespace posenet
