#include "kernels/optimized/quantized/quantized_conv.h"

namespace posenet {

// Filled in by the depthwise quantized kernels; until then the reference kernel runs.
std::unique_ptr<PreparedConv> PrepareQuantizedDepthwiseConv(const ConvProblem&, IsaLevel) {
  return nullptr;
}

}  // namespace posenet
