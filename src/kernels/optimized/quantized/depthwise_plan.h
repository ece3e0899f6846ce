// A quantized depthwise convolution (depth multiplier 1) packed for the SIMD row kernels
// (depthwise_rows.h): plain pointers and integers only, so the level files see no STL. Every
// per-channel array is padded with zeros to `padded_channels` (a multiple of 16) so vector loads
// never need a channel mask; only the input and output tensors do.
#pragma once

#include <cstdint>

#include "kernels/optimized/quantized/conv_geometry.h"
#include "kernels/optimized/quantized/requant_arrays.h"

namespace posenet {

// Per-lane constants of the kernels, each array `stride` int32 lanes long (weights: one such
// row per tap).
struct DepthwiseLanes {
  int64_t stride = 0;
  // Weights minus their zero point, one int32 lane per channel whose high 16 bits are 0, so a
  // 16x16->32 pair multiply-add (vpmaddwd / vpdpwssd) yields the plain product. [tap][lane].
  const int32_t* weights = nullptr;
  // bias; and bias + input_offset * sum of the channel's weights (for pixels whose taps are all
  // inside the input: their sum of w * (x + input_offset) splits into sum w * x + that constant).
  const int32_t* bias = nullptr;
  const int32_t* interior_bias = nullptr;
  RequantArrays requant;
};

// The 3x3 interior path with vpdpbusd (u8 input x s8 weight, four products per int32 lane) at
// the levels that have it: blocks of one vector's bytes (AVX-512: 64, AVX-VNNI: 32), lane
// constants permuted within each block so that byte unpacks of four taps' inputs line up with
// them and two saturating packs restore channel order (see depthwise_rows.h). Used when every
// channel's weights, possibly negated, fit int8; `negate` marks the negated lanes, whose sum is
// negated back before requantizing.
struct DepthwiseByteLanes {
  int64_t period = 0;  // lanes per constant array; 0 when the path is not used
  bool flat = false;   // stride 1: flat runs over a row's interior (else one pixel at a time)
  const int8_t* weights = nullptr;  // [tap group 0..2][lane][4 taps]; group 2 is tap 8 alone
  const int32_t* bias = nullptr;    // interior bias, negated on negated lanes
  const int32_t* negate = nullptr;  // -1 on negated lanes, else 0
  // For DepthwisePlan::relu_shift: the multiplier, negated on negated lanes (which then need no
  // negation of their sum), at even lanes; and each odd lane's at the even lane below it.
  const int32_t* relu_multiplier_even = nullptr;
  const int32_t* relu_multiplier_odd = nullptr;
  RequantArrays requant;
};

// Channels padded to a multiple of 16; zero_row read by the 3x3 paths.
struct DepthwisePlan : DepthwiseGeometry {
  // Every multiplier > 0, every shift a right shift by 1..31, and |bias| + taps * 255^2 + 2^30
  // within int32: the kernels may use the shorter exact requantization (requant_forms.h).
  bool simple_requant = false;
  // > 0 when simple_requant holds, every channel shifts right by this same amount and
  // quant_min >= output_offset (ReLU-like clamps): the 3x3 interior paths then use the ReLU
  // form (requant_forms.h).
  int32_t relu_shift = 0;
  // Per-channel arrays (padded_channels lanes each), see DepthwiseLanes.
  DepthwiseLanes lanes;
  // 3x3, stride 1, channels not a multiple of the level's int32 lanes (16 or 8): the same arrays
  // repeated over flat_period = lcm(channels, lanes) lanes (0: none). With stride 1 the interior
  // pixels of a row are one contiguous run of channels in both input and output, so vectors can
  // walk it across pixel boundaries instead of ending each pixel with a part-empty vector.
  int32_t flat_period = 0;
  DepthwiseLanes flat_lanes;
  DepthwiseByteLanes byte_lanes;  // preferred over the above for 3x3 interiors when set
  // WebAssembly SIMD128, 3x3: the weights of tap pairs (0, 1), (2, 3), (4, 5), (6, 7) and (8, none)
  // per channel, the first tap's w - zw in the low 16 bits of an int32 lane and the second's in
  // the high ones, so one i32x4.dot_i16x8_s on inputs interleaved the same way adds both products
  // (half the multiplies of one tap per lane). [pair][lane], lanes.stride lanes each.
  const int32_t* pair_weights = nullptr;
};

// Computes output rows [row_begin, row_end) of the flattened (batch, out_y) range. avxvnni comes
// in two encodings of the same instructions: VEX (CPUs with AVX-VNNI) and EVEX (AVX-512 CPUs).
void DepthwiseRowsAvx512(const DepthwisePlan& plan, const void* in, void* out, int64_t row_begin,
                         int64_t row_end);
void DepthwiseRowsAvxVnni(const DepthwisePlan& plan, const void* in, void* out, int64_t row_begin,
                          int64_t row_end);
void DepthwiseRowsAvxVnniEvex(const DepthwisePlan& plan, const void* in, void* out,
                              int64_t row_begin, int64_t row_end);
void DepthwiseRowsAvx2(const DepthwisePlan& plan, const void* in, void* out, int64_t row_begin,
                       int64_t row_end);
// WebAssembly SIMD128 (depthwise_conv_wasm.cc): reads `lanes` only (no flat or byte-dot path).
void DepthwiseRowsWasm(const DepthwisePlan& plan, const void* in, void* out, int64_t row_begin,
                       int64_t row_end);

}  // namespace posenet
