#include "kernels/optimized/float/float_conv.h"

namespace posenet {

std::unique_ptr<PreparedConv> PrepareFloatConv(const ConvProblem& problem, IsaLevel level) {
  if (problem.type != DataType::kFloat32) return nullptr;
  return problem.depthwise ? PrepareFloatDepthwiseConv(problem, level)
                           : PrepareFloatDenseConv(problem, level);
}

}  // namespace posenet
