#include "kernels/reference/mul.h"

#include <algorithm>

#include "kernels/quantization.h"
#include "kernels/reference/broadcast.h"

namespace posenet::ref {
namespace {

template <typename T>
void MulQuantized(const ElementwiseParams& p, const Dims4& s1, const T* in1, const Dims4& s2,
                  const T* in2, const Dims4& os, T* out) {
  ForEachBroadcast(s1, s2, os, [&](int64_t i1, int64_t i2, int64_t o) {
    const int32_t a = int32_t{in1[i1]} + p.input1_offset;
    const int32_t b = int32_t{in2[i2]} + p.input2_offset;
    const int32_t v = WrappingAdd(
        MultiplyByQuantizedMultiplier(a * b, p.output_multiplier, p.output_shift), p.output_offset);
    out[o] = static_cast<T>(std::clamp(v, p.quant_min, p.quant_max));
  });
}

}  // namespace

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

void MulFloat(const ElementwiseParams& p, const Dims4& s1, const float* in1, const Dims4& s2,
              const float* in2, const Dims4& os, float* out) {
  ForEachBroadcast(s1, s2, os, [&](int64_t i1, int64_t i2, int64_t o) {
    out[o] = std::min(std::max(in1[i1] * in2[i2], p.float_min), p.float_max);
  });
}

void MulUint8(const ElementwiseParams& p, const Dims4& s1, const uint8_t* in1, const Dims4& s2,
              const uint8_t* in2, const Dims4& os, uint8_t* out) {
  MulQuantized(p, s1, in1, s2, in2, os, out);
}

void MulInt8(const ElementwiseParams& p, const Dims4& s1, const int8_t* in1, const Dims4& s2,
             const int8_t* in2, const Dims4& os, int8_t* out) {
  MulQuantized(p, s1, in1, s2, in2, os, out);
}

}  // namespace posenet::ref
