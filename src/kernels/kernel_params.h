// Parameters that kernels receive, computed once when a graph is prepared. Kernels never see
// the model file or the graph: they get plain shapes, pointers and these structs.
#pragma once

#include <array>
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

// Per-tensor affine quantization of one operand: real = scale * (q - zero_point).
struct QuantParams {
  float scale = 1.0f;
  int32_t zero_point = 0;
  bool operator==(const QuantParams&) const = default;
};

// CONCATENATION along `axis` of the 4-D shapes (a rank-r tensor's axis a is a + 4 - r once its
// shape is right-aligned to 4-D). Quantized: the inputs' and the output's quantization; an
// input whose parameters differ from the output's is requantized (see reference/concatenation.h).
struct ConcatParams {
  int32_t axis = 3;
  std::vector<QuantParams> inputs;  // quantized only: one per input
  QuantParams output;               // quantized only
};

// PAD with a constant: `before[d]` and `after[d]` elements around dimension d (N, H, W, C).
struct PadParams {
  std::array<int32_t, 4> before{}, after{};
  float float_value = 0.0f;  // float tensors (TFLite PAD: 0)
  int32_t quant_value = 0;   // quantized tensors: the output zero point (i.e. real 0)
};

// RELU, RELU6 (and RELU_N1_TO_1). Float: clamp to [float_min, float_max]. Quantized, as
// TFLite's ReluX: out = clamp(MultiplyByQuantizedMultiplier(q - input_zero_point, multiplier,
// shift) + output_zero_point, quant_min, quant_max), which also rescales when the input and
// output quantizations differ.
struct ActivationParams {
  float float_min = 0.0f, float_max = 3.40282347e38f;
  int32_t input_zero_point = 0, output_zero_point = 0;
  int32_t output_multiplier = 1 << 30, output_shift = 1;  // 1.0 by default
  int32_t quant_min = 0, quant_max = 255;
};

}  // namespace posenet
