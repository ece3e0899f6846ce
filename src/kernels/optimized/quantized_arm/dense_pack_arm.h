// Packing of a quantized CONV_2D's weights and per-channel constants into an ArmDensePlan for
// one AArch64 level (see dense_plan_arm.h for the layouts), done once at prepare time.
#pragma once

#include <cstdint>
#include <vector>

#include "base/aligned_buffer.h"
#include "kernels/optimized/prepared_conv.h"
#include "kernels/optimized/quantized_arm/dense_plan_arm.h"

namespace posenet {

// What the plan's pointers point into; must outlive (and not move under) the plan.
struct ArmDenseWeights {
  AlignedBuffer packed;
  std::vector<int32_t> column_constant, multiplier, left_shift, neg_right_shift;
};

// Fills `plan` and `storage` for `level` (kNeon, kDotprod or kI8mm). False when the problem is
// not one the kernels cover (the reference kernel then runs).
bool PackArmDenseConv(const ConvProblem& problem, IsaLevel level, ArmDensePlan* plan,
                      ArmDenseWeights* storage);

}  // namespace posenet
