// The two families of optimized quantized convolutions; PrepareQuantizedConv picks by kind.
#pragma once

#include <memory>

#include "kernels/optimized/prepared_conv.h"

namespace posenet {

// CONV_2D (1x1 pointwise as a GEMM; other filters through an im2col panel).
std::unique_ptr<PreparedConv> PrepareQuantizedDenseConv(const ConvProblem& problem, IsaLevel level);
// DEPTHWISE_CONV_2D.
std::unique_ptr<PreparedConv> PrepareQuantizedDepthwiseConv(const ConvProblem& problem,
                                                            IsaLevel level);

}  // namespace posenet
