// Parameters that kernels receive, computed once when a graph is prepared. Kernels never see
// the model file or the graph: they get plain shapes, pointers and these structs.
#pragma once

#include <cstdint>
#include <vector>

namespace posenet {

// A 4-D NHWC shape (convolution filters: OHWI; depthwise filters: 1,H,W,C*multiplier).
struct Dims4 {
  int32_t n = 1, h = 1, w = 1, c = 1;
  int64_t size() const { return int64_t{n} * h * w * c; }
  bool operator==(const Dims4&) const = default;
};

// Requantization of an int32 accumulator into the output's quantized domain, as TFLite does:
// out = MultiplyByQuantizedMultiplier(acc, multiplier, shift) + output_offset, clamped.
// `shift` > 0 is a left shift, < 0 a right shift (TFLite's convention).
struct Requant {
  std::vector<int32_t> multiplier;  // one per output channel (per-tensor: repeated)
  std::vector<int32_t> shift;       // same length
};

// CONV_2D and DEPTHWISE_CONV_2D.
struct ConvParams {
  int32_t stride_h = 1, stride_w = 1;
  int32_t dilation_h = 1, dilation_w = 1;
  int32_t pad_top = 0, pad_left = 0;  // rows/cols of padding before; padded taps read the
                                      // input zero point (i.e. contribute 0 after offset)
  int32_t depth_multiplier = 1;       // depthwise only
  // Float activation clamp (fused activation; +-infinity for none).
  float float_min = -3.40282347e38f, float_max = 3.40282347e38f;
  // Quantized: offsets are the negated zero points of input and filter (filter is 0 for
  // symmetric int8 weights) and the output zero point.
  int32_t input_offset = 0, filter_offset = 0, output_offset = 0;
  int32_t quant_min = 0, quant_max = 255;  // output clamp in the quantized domain
  Requant requant;
};

struct PoolParams {
  int32_t stride_h = 1, stride_w = 1;
  int32_t filter_h = 1, filter_w = 1;
  int32_t pad_top = 0, pad_left = 0;  // padded taps are excluded (TFLite semantics)
  float float_min = -3.40282347e38f, float_max = 3.40282347e38f;
  int32_t quant_min = 0, quant_max = 255;
};

// ADD and MUL, with NumPy-style broadcasting over 4-D shapes.
struct ElementwiseParams {
  float float_min = -3.40282347e38f, float_max = 3.40282347e38f;
  // Quantized ADD follows TFLite: inputs are shifted left by left_shift (20), rescaled to a
  // common scale with their own multipliers, added, and rescaled to the output.
  int32_t input1_offset = 0, input2_offset = 0, output_offset = 0;
  int32_t left_shift = 20;
  int32_t input1_multiplier = 0, input1_shift = 0;
  int32_t input2_multiplier = 0, input2_shift = 0;
  int32_t output_multiplier = 0, output_shift = 0;
  int32_t quant_min = 0, quant_max = 255;
};

}  // namespace posenet
