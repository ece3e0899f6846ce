#include "kernels/optimized/quantized/quantized_conv.h"

namespace posenet {

std::unique_ptr<PreparedConv> PrepareQuantizedConv(const ConvProblem& problem, IsaLevel level) {
  return problem.depthwise ? PrepareQuantizedDepthwiseConv(problem, level)
                           : PrepareQuantizedDenseConv(problem, level);
}

}  // namespace posenet
