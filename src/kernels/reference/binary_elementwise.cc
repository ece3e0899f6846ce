#include "kernels/reference/binary_elementwise.h"

#include <algorithm>

#include "kernels/quantization.h"
#include "kernels/reference/broadcast.h"

namespace posenet::ref {
namespace {

// TFLite's integer ADD of two offset inputs, before the output offset and clamp.
int32_t AddScaled(const ElementwiseParams& p, int32_t a, int32_t b) {
  const int32_t headroom = int32_t{1} << p.left_shift;
  const int32_t scaled_a =
      MultiplyByQuantizedMultiplier(a * headroom, p.input1_multiplier, p.input1_shift);
  const int32_t scaled_b =
      MultiplyByQuantizedMultiplier(b * headroom, p.input2_multiplier, p.input2_shift);
  return MultiplyByQuantizedMultiplier(WrappingAdd(scaled_a, scaled_b), p.output_multiplier,
                                       p.output_shift);
}

// TFLite's integer MUL of two offset inputs, before the output offset and clamp.
int32_t MulScaled(const ElementwiseParams& p, int32_t a, int32_t b) {
  return MultiplyByQuantizedMultiplier(a * b, p.output_multiplier, p.output_shift);
}

template <typename T>
void Quantized(BinaryOp op, const ElementwiseParams& p, const Dims4& s1, const T* in1,
               const Dims4& s2, const T* in2, const Dims4& os, T* out) {
  int32_t (*const scaled)(const ElementwiseParams&, int32_t, int32_t) =
      op == BinaryOp::kAdd ? &AddScaled : &MulScaled;
  ForEachBroadcast(s1, s2, os, [&](int64_t i1, int64_t i2, int64_t o) {
    const int32_t a = int32_t{in1[i1]} + p.input1_offset;
    const int32_t b = int32_t{in2[i2]} + p.input2_offset;
    const int32_t v = WrappingAdd(scaled(p, a, b), p.output_offset);
    out[o] = static_cast<T>(std::clamp(v, p.quant_min, p.quant_max));
  });
}

}  // namespace

ElementwiseParams QuantizedAddParams(const QuantParams& in1, const QuantParams& in2,
                                     const QuantParams& out, int32_t quant_min, int32_t quant_max) {
  ElementwiseParams p;
  p.left_shift = 20;
  p.input1_offset = -in1.zero_point;
  p.input2_offset = -in2.zero_point;
  p.output_offset = out.zero_point;
  const double twice_max = 2.0 * static_cast<double>(std::max(in1.scale, in2.scale));
  // (1 << left_shift) * s_out is evaluated in float, as in TFLite (exact: a power of two).
  const float shifted_out_scale = static_cast<float>(1 << p.left_shift) * out.scale;
  const QuantizedMultiplier m1 = QuantizeMultiplier(static_cast<double>(in1.scale) / twice_max);
  const QuantizedMultiplier m2 = QuantizeMultiplier(static_cast<double>(in2.scale) / twice_max);
  const QuantizedMultiplier mo =
      QuantizeMultiplier(twice_max / static_cast<double>(shifted_out_scale));
  p.input1_multiplier = m1.multiplier, p.input1_shift = m1.shift;
  p.input2_multiplier = m2.multiplier, p.input2_shift = m2.shift;
  p.output_multiplier = mo.multiplier, p.output_shift = mo.shift;
  p.quant_min = quant_min, p.quant_max = quant_max;
  return p;
}

ElementwiseParams QuantizedMulParams(const QuantParams& in1, const QuantParams& in2,
                                     const QuantParams& out, int32_t quant_min, int32_t quant_max) {
  ElementwiseParams p;
  p.input1_offset = -in1.zero_point;
  p.input2_offset = -in2.zero_point;
  p.output_offset = out.zero_point;
  const float real = in1.scale * in2.scale / out.scale;
  const QuantizedMultiplier m = QuantizeMultiplier(static_cast<double>(real));
  p.output_multiplier = m.multiplier, p.output_shift = m.shift;
  p.quant_min = quant_min, p.quant_max = quant_max;
  return p;
}

void BinaryElementwise(BinaryOp op, const ElementwiseParams& p, const Dims4& s1, const float* in1,
                       const Dims4& s2, const float* in2, const Dims4& os, float* out) {
  const bool add = op == BinaryOp::kAdd;
  ForEachBroadcast(s1, s2, os, [&](int64_t i1, int64_t i2, int64_t o) {
    const float v = add ? in1[i1] + in2[i2] : in1[i1] * in2[i2];
    out[o] = std::min(std::max(v, p.float_min), p.float_max);
  });
}

void BinaryElementwise(BinaryOp op, const ElementwiseParams& p, const Dims4& s1, const uint8_t* in1,
                       const Dims4& s2, const uint8_t* in2, const Dims4& os, uint8_t* out) {
  Quantized(op, p, s1, in1, s2, in2, os, out);
}

void BinaryElementwise(BinaryOp op, const ElementwiseParams& p, const Dims4& s1, const int8_t* in1,
                       const Dims4& s2, const int8_t* in2, const Dims4& os, int8_t* out) {
  Quantized(op, p, s1, in1, s2, in2, os, out);
}

}  // namespace posenet::ref
