// A quantized depthwise convolution (depth multiplier 1) packed for the AArch64 row kernel
// (depthwise_conv_neon.cc): plain pointers and integers only. Per-channel arrays are padded with
// zeros to `padded_channels` (a multiple of 8, one int16x8 of channels).
//
// A pixel's sum is bias + sum over taps of (w - zw) * (x - zx). Where every column tap lies
// inside the input it is computed as interior_bias + sum (w - zw) * x, interior_bias = bias - zx
// * sum (w - zw); filter rows above or below the input then read `zero_row` (zx everywhere),
// whose taps add (w - zw) * zx, cancelled by interior_bias, i.e. nothing, as padding must.
// Other pixels sum (w - zw) * (x - zx) over their valid taps only.
#pragma once

#include <cstdint>

namespace posenet {

inline constexpr int32_t kArmDepthwiseMaxFilter = 16;  // larger filters: the reference kernel

struct ArmDepthwisePlan {
  bool is_signed = false;  // int8 tensors (else uint8)
  int32_t batches = 1, in_h = 1, in_w = 1, channels = 1;
  int32_t out_h = 1, out_w = 1;
  int32_t filter_h = 1, filter_w = 1;
  int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int32_t pad_top = 0, pad_left = 0;
  int32_t padded_channels = 8;
  // Output columns [interior_x_begin, interior_x_end) read every column tap inside the input.
  int32_t interior_x_begin = 0, interior_x_end = 0;
  int32_t input_offset = 0, output_offset = 0, quant_min = 0, quant_max = 255;
  const uint8_t* zero_row = nullptr;  // in_w * channels bytes of the input zero point
  const int16_t* weights = nullptr;   // [tap][padded_channels]: w - zw
  const int32_t* bias = nullptr;
  const int32_t* interior_bias = nullptr;
  const int32_t* multiplier = nullptr;  // requantization, as in ArmDensePlan
  const int32_t* left_shift = nullptr;
  const int32_t* neg_right_shift = nullptr;
};

// Computes output rows [row_begin, row_end) of the flattened (batch, out_y) range.
void DepthwiseRowsNeon(const ArmDepthwisePlan& plan, const uint8_t* in, uint8_t* out,
                       int64_t row_begin, int64_t row_end);

}  // namespace posenet
