// Internal: the arithmetic of one output element of a reference convolution (CONV_2D and
// DEPTHWISE_CONV_2D share it): tap products summed in Acc, then the bias, the requantization
// (quantized types) and the activation clamp. The loops that visit the taps are the kernels'.
#pragma once

#include <algorithm>
#include <cstdint>

#include "kernels/kernel_params.h"
#include "kernels/quantization.h"

namespace posenet::ref {

struct FloatConvArith {
  using Acc = float;
  const ConvParams& p;
  const float* bias;  // may be null

  float Product(float f, float x) const { return f * x; }
  float Finish(float acc, int32_t oc) const {
    if (bias != nullptr) acc += bias[oc];
    return std::min(std::max(acc, p.float_min), p.float_max);
  }
};

// T is uint8_t or int8_t; the offsets are the negated zero points (ConvParams).
template <typename T>
struct QuantizedConvArith {
  using Acc = int32_t;
  const ConvParams& p;
  const int32_t* bias;  // may be null
  int32_t f_offset = p.filter_offset, in_offset = p.input_offset;

  int32_t Product(T f, T x) const { return (int32_t{f} + f_offset) * (int32_t{x} + in_offset); }
  T Finish(int32_t acc, int32_t oc) const {
    if (bias != nullptr) acc += bias[oc];
    acc = MultiplyByQuantizedMultiplier(acc, p.requant.multiplier[oc], p.requant.shift[oc]);
    acc += p.output_offset;
    return static_cast<T>(std::clamp(acc, p.quant_min, p.quant_max));
  }
};

}  // namespace posenet::ref
