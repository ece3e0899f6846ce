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

// T is uint8_t or int8_t; the offsets are the negated zero points (ConvParams), which Prepare
// keeps within the type's range. Each product fits int32 (|w + offset|, |x + offset| <= 255);
// their sum, the bias and the output zero point wrap around in int32 as in TFLite
// (docs/ops.md): the sum is taken in uint32, without signed overflow.
template <typename T>
struct QuantizedConvArith {
  using Acc = uint32_t;
  const ConvParams& p;
  const int32_t* bias;  // may be null
  int32_t f_offset = p.filter_offset, in_offset = p.input_offset;

  uint32_t Product(T f, T x) const {
    return static_cast<uint32_t>((int32_t{f} + f_offset) * (int32_t{x} + in_offset));
  }
  T Finish(uint32_t sum, int32_t oc) const {
    int32_t acc = static_cast<int32_t>(sum);
    if (bias != nullptr) acc = WrappingAdd(acc, bias[oc]);
    acc = MultiplyByQuantizedMultiplier(acc, p.requant.multiplier[oc], p.requant.shift[oc]);
    acc = WrappingAdd(acc, p.output_offset);
    return static_cast<T>(std::clamp(acc, p.quant_min, p.quant_max));
  }
};

}  // namespace posenet::ref
