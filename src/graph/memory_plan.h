// The memory plan: every intermediate tensor gets an offset in one arena, computed once.
// A tensor lives from the node that produces it to the last node that reads it (graph inputs
// from the start, graph outputs and tensors the caller wants to inspect to the end). Tensors
// are placed greedily, largest first, at the lowest offset that does not overlap any tensor
// whose lifetime intersects its own (the strategy of TFLite's greedy arena planner).
#pragma once

#include <cstdint>
#include <vector>

#include "base/status.h"
#include "graph/graph.h"

namespace posenet {

inline constexpr int64_t kArenaAlignment = 64;

struct MemoryPlan {
  std::vector<int64_t> offsets;  // per tensor; -1 for constants and unused tensors
  int64_t arena_bytes = 0;
};

// Checks that nodes are in a valid execution order (every non-constant input is a graph
// input or produced by an earlier node, nothing is produced twice) and plans the arena.
// Nodes [first, last] that run as one step (a row-fused chain): every tensor the step reads or
// writes is live for the whole step, and tensors produced before its last node and read only
// inside it get no space (the step keeps them in its own buffers).
struct FusedNodes {
  int32_t first = 0, last = 0;
};

// `keep_alive` lists tensors that must survive until the end (e.g. dumped intermediates).
Result<MemoryPlan> PlanMemory(const Graph& graph, const std::vector<int32_t>& keep_alive = {},
                              const std::vector<FusedNodes>& fused = {});

}  // namespace posenet
