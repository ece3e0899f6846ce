#include "kernels/reference/add.h"

#include <algorithm>

#include "kernels/quantization.h"
#include "kernels/reference/broadcast.h"

namespace posenet::ref {
namespace {

template <typename T>
void AddQuantized(const ElementwiseParams& p, const Dims4& s1, const T* in1, const Dims4& s2,
                  const T* in2, const Dims4& os, T* out) {
  const int32_t headroom = int32_t{1} << p.left_shift;
  ForEachBroadcast(s1, s2, os, [&](int64_t i1, int64_t i2, int64_t o) {
    const int32_t a = (int32_t{in1[i1]} + p.input1_offset) * headroom;
    const int32_t b = (int32_t{in2[i2]} + p.input2_offset) * headroom;
    const int32_t scaled_a = MultiplyByQuantizedMultiplier(a, p.input1_multiplier, p.input1_shift);
    const int32_t scaled_b = MultiplyByQuantizedMultiplier(b, p.input2_multiplier, p.input2_shift);
    const int32_t sum =
        WrappingAdd(MultiplyByQuantizedMultiplier(WrappingAdd(scaled_a, scaled_b),
                                                  p.output_multiplier, p.output_shift),
                    p.output_offset);
    out[o] = static_cast<T>(std::clamp(sum, p.quant_min, p.quant_max));
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

void AddFloat(const ElementwiseParams& p, const Dims4& s1, const float* in1, const Dims4& s2,
              const float* in2, const Dims4& os, float* out) {
  ForEachBroadcast(s1, s2, os, [&](int64_t i1, int64_t i2, int64_t o) {
    out[o] = std::min(std::max(in1[i1] + in2[i2], p.float_min), p.float_max);
  });
}

void AddUint8(const ElementwiseParams& p, const Dims4& s1, const uint8_t* in1, const Dims4& s2,
              const uint8_t* in2, const Dims4& os, uint8_t* out) {
  AddQuantized(p, s1, in1, s2, in2, os, out);
}

void AddInt8(const ElementwiseParams& p, const Dims4& s1, const int8_t* in1, const Dims4& s2,
             const int8_t* in2, const Dims4& os, int8_t* out) {
  AddQuantized(p, s1, in1, s2, in2, os, out);
}

}  // namespace posenet::ref
