// Packing of a quantized CONV_2D's weights and per-channel constants into a DenseConvPlan for
// one SIMD level (see dense_plan.h for the layouts).
#pragma once

#include <cstdint>
#include <vector>

#include "base/aligned_buffer.h"
#include "kernels/optimized/prepared_conv.h"
#include "kernels/optimized/quantized/dense_plan.h"

namespace posenet {

// What the plan's pointers point into; must outlive (and not move under) the plan.
struct DensePackedWeights {
  AlignedBuffer packed;
  std::vector<int32_t> column_constant, multiplier, left_shift, right_shift;
};

// The dense kernel that runs at `level` (null at kScalar); avxvnni in the encoding this CPU has
// (see HasAvxVnni).
const DenseConvKernel* DenseConvKernelFor(IsaLevel level);

// Fills `plan` and `storage` for `level`. False when the problem is not one the dense kernels
// cover (the reference kernel then runs).
bool PackDenseConv(const ConvProblem& problem, IsaLevel level, DenseConvPlan* plan,
                   DensePackedWeights* storage);

}  // namespace posenet
