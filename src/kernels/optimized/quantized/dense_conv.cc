#include "kernels/optimized/quantized/quantized_conv.h"

namespace posenet {

// Filled in by the dense quantized kernels; until then the reference kernel runs.
std::unique_ptr<PreparedConv> PrepareQuantizedDenseConv(const ConvProblem&, IsaLevel) {
  return nullptr;
}

}  // namespace posenet
