// The AArch64 quantized convolutions (CONV_2D: dense_conv_arm.cc, DEPTHWISE_CONV_2D:
// depthwise_conv_arm.cc) for the levels neon, dotprod and i8mm; null when the problem or level
// is not covered (the reference kernel then runs).
#pragma once

#include <memory>

#include "kernels/optimized/prepared_conv.h"

namespace posenet {

std::unique_ptr<PreparedConv> PrepareArmDenseConv(const ConvProblem& problem, IsaLevel level);
std::unique_ptr<PreparedConv> PrepareArmDepthwiseConv(const ConvProblem& problem, IsaLevel level);

}  // namespace posenet
