// The fused activations of TFLite's ops (the clamp ranges they imply: kernels/activation.h).
#pragma once

#include <cstdint>

namespace posenet {

enum class Activation : uint8_t { kNone, kRelu, kReluN1To1, kRelu6 };

}  // namespace posenet
