// Quantized CONV_2D on AArch64: packs the weights once for the chosen level (dense_pack_arm.cc)
// and splits the GEMM between threads, by tiles of output pixels or, when there are few pixels,
// by panels of output channels (see RunDenseParts). Every output element is computed whole by
// one thread, so results do not depend on the split.
#include <memory>
#include <string>

#include "kernels/optimized/quantized/prepare_geometry.h"
#include "kernels/optimized/quantized_arm/dense_pack_arm.h"
#include "kernels/optimized/quantized_arm/quantized_conv_arm.h"

namespace posenet {

std::unique_ptr<PreparedConv> PrepareArmDenseConv(const ConvProblem& problem, IsaLevel level) {
  auto conv = std::make_unique<PreparedDenseConv<ArmDensePlan, ArmDenseWeights>>(problem.threads);
  const ArmDensePlan& plan = conv->plan;
  if (!PackArmDenseConv(problem, level, &conv->plan, &conv->weights)) return nullptr;
  const bool neon = level == IsaLevel::kNeon;
  const bool one_by_one = plan.kh == 1 && plan.kw == 1 && plan.stride_h == 1 &&
                          plan.stride_w == 1 && plan.pad_top == 0 && plan.pad_left == 0;
  // e.g. "dotprod 1x1" (rows copied whole) or "neon im2col 3x3".
  conv->SetKernel(neon                          ? &DenseConvNeon
                  : level == IsaLevel::kDotprod ? &DenseConvDotprod
                                                : &DenseConvI8mm,
                  kArmTileRows, ArmDenseScratchBytes(plan, neon ? 2 : 1),
                  std::string(IsaName(level)) + (one_by_one ? " " : " im2col ") +
                      std::to_string(plan.kh) + "x" + std::to_string(plan.kw));
  return conv;
}

}  // namespace posenet
