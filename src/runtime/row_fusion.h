// Row fusion: a chain of convolutions in which each output tensor is read only by the next
// convolution runs a band of output rows at a time, layer after layer, so the tensors between
// them live in a few rows of per-thread buffers that stay in L2 instead of going through the
// arena (MobileNet's first layers write and re-read 7-15 MB tensors at 481x641). Each element
// is computed by the same kernel code as when the layers run one by one, so results are
// identical, at any thread count: threads take contiguous ranges of the chain's output rows and
// each computes the rows of the inner tensors its range needs.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "graph/graph.h"
#include "runtime/op_kernel.h"

namespace posenet {

struct RowFusionOptions {
  bool enabled = true;
  // An edge is streamed only when its tensor is at least this large: smaller ones stay in cache
  // anyway, and deep layers' GEMMs would lose weight reuse in short bands.
  int64_t min_tensor_bytes = int64_t{2} << 20;
  // Per-thread bytes of row buffers a band may take (this CPU's L2 is 2 MiB per core).
  int64_t buffer_budget_bytes = int64_t{1} << 20;
  int max_chain = 32;
};

struct RowChain {
  int32_t first = 0, last = 0;  // node indices, last > first
};

// Chains of consecutive nodes whose kernels stream rows, each inner tensor read only by the next
// node and neither a graph output nor in `keep_alive`.
std::vector<RowChain> FindRowChains(const Graph& graph,
                                    const std::vector<std::unique_ptr<OpKernel>>& kernels,
                                    const std::vector<int32_t>& keep_alive,
                                    const RowFusionOptions& options);

// The kernel that runs a chain's nodes (their prepared kernels must outlive it) with `threads`
// parts. Its scratch holds each part's row buffers.
std::unique_ptr<OpKernel> CreateRowChainKernel(std::vector<const RowStreaming*> layers, int threads,
                                               const RowFusionOptions& options);

}  // namespace posenet
