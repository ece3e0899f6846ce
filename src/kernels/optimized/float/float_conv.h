// The two families of optimized float convolutions; PrepareFloatConv picks by kind.
#pragma once

#include <memory>

#include "kernels/optimized/prepared_conv.h"

namespace posenet {

// CONV_2D: 1x1 stride-1 as a GEMM over pixels, other filters through an im2col panel.
std::unique_ptr<PreparedConv> PrepareFloatDenseConv(const ConvProblem& problem, IsaLevel level);
// DEPTHWISE_CONV_2D 3x3 with depth multiplier 1 (other shapes: null, the reference runs).
std::unique_ptr<PreparedConv> PrepareFloatDepthwiseConv(const ConvProblem& problem, IsaLevel level);

}  // namespace posenet
