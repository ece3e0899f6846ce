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

#include "kernels/optimized/quantized/conv_geometry.h"

namespace posenet {

inline constexpr int32_t kArmDepthwiseMaxFilter = 16;  // larger filters: the reference kernel

struct ArmDepthwisePlan : DepthwiseGeometry {  // channels padded to a multiple of 8
  const int16_t* weights = nullptr;            // [tap][padded_channels]: w - zw
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
