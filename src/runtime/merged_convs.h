// Float 1x1 convolutions that read the same tensor, one after another in the graph (PoseNet's
// heads), run as one GEMM over all their output channels
// (kernels/optimized/float/float_merged_conv.h): same results, the input read once.
#pragma once

#include <memory>
#include <vector>

#include "base/cpu_features.h"
#include "graph/graph.h"
#include "runtime/op_kernel.h"
#include "runtime/shared_weights.h"

namespace posenet {

struct ConvGroup {
  int32_t first = 0, last = 0;  // node indices, last > first
};

// Runs of consecutive nodes whose kernels are optimized float 1x1 convolutions of one tensor.
std::vector<ConvGroup> FindSharedInputConvs(const Graph& graph,
                                            const std::vector<std::unique_ptr<OpKernel>>& kernels);

// The kernel that runs the group's nodes as one GEMM, or null when they cannot merge. Its packed
// weights are shared with the model's other sessions of the same input size, threads and level.
std::unique_ptr<OpKernel> CreateMergedConvKernel(
    const Graph& graph, const std::vector<std::unique_ptr<OpKernel>>& kernels, ConvGroup group,
    IsaLevel isa, SharedWeights& shared);

}  // namespace posenet
