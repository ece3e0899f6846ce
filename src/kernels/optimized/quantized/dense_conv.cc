// Quantized CONV_2D: packs the weights for the chosen level (dense_pack.cc) and splits the
// GEMM between threads (rows of output pixels, or output-channel panels when there are few
// pixels; see RunDenseParts). Every output element is computed whole by one thread, so results
// do not depend on the split.
#include <memory>
#include <string>

#include "kernels/optimized/quantized/dense_pack.h"
#include "kernels/optimized/quantized/prepare_geometry.h"
#include "kernels/optimized/quantized/quantized_conv.h"

namespace posenet {

std::unique_ptr<PreparedConv> PrepareQuantizedDenseConv(const ConvProblem& problem,
                                                        IsaLevel level) {
  if (level == IsaLevel::kScalar) return nullptr;
  auto conv =
      std::make_unique<PreparedDenseConv<DenseConvPlan, DensePackedWeights>>(problem.threads);
  const DenseConvPlan& plan = conv->plan;
  if (!PackDenseConv(problem, level, &conv->plan, &conv->weights)) return nullptr;
  const DenseConvKernel& kernel = *DenseConvKernelFor(level);
  // e.g. "avx512-vnni 1x1" (rows read in place), "avxvnni 1x1" or "avx2 im2col 3x3".
  const std::string level_name =
      level == IsaLevel::kAvx512 ? "avx512-vnni" : std::string(IsaName(level));
  conv->SetKernel(kernel.run, kernel.tile_rows(plan), kernel.scratch_bytes(plan),
                  level_name + " " + (plan.direct ? "" : "im2col ") + std::to_string(plan.kh) +
                      "x" + std::to_string(plan.kw));
  return conv;
}

}  // namespace posenet
