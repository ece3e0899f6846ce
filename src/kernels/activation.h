// Clamp ranges of fused activations (NONE, RELU, RELU_N1_TO_1, RELU6), in float and in a
// quantized output domain, computed as TFLite's CalculateActivationRange*: the quantized bounds
// are zero_point + round(bound / scale) (float division, round half away from zero),
// intersected with the type's range.
#pragma once

#include <cstdint>
#include <utility>

#include "base/activation.h"
#include "base/tensor_types.h"

namespace posenet {

// [lowest float, max float] for NONE, [0, max] for RELU, [-1, 1], [0, 6].
std::pair<float, float> CalculateActivationRangeFloat(Activation activation);

// The type's range (uint8 [0, 255], int8 [-128, 127], int32) narrowed by the activation.
std::pair<int32_t, int32_t> CalculateActivationRangeQuantized(Activation activation, float scale,
                                                              int32_t zero_point, DataType type);

// The full range of a quantized type ([0, 255] for uint8, [-128, 127] for int8).
std::pair<int32_t, int32_t> QuantizedTypeRange(DataType type);

}  // namespace posenet
