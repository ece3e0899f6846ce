#include "graph/memory_plan.h"

#include <algorithm>
#include <numeric>

namespace posenet {
namespace {

struct Lifetime {
  int32_t first = -1;  // index of the producing node (-1: before everything)
  int32_t last = -2;   // index of the last reader; -2: never used
};

int64_t AlignUp(int64_t n) { return (n + kArenaAlignment - 1) / kArenaAlignment * kArenaAlignment; }

}  // namespace

Result<MemoryPlan> PlanMemory(const Graph& graph, const std::vector<int32_t>& keep_alive,
                              const std::vector<FusedNodes>& fused) {
  const size_t count = graph.tensors.size();
  const int32_t end = static_cast<int32_t>(graph.nodes.size());
  std::vector<Lifetime> life(count);
  std::vector<bool> produced(count, false);
  for (int32_t i : graph.inputs) {
    produced[i] = true;
    life[i] = {-1, -1};
  }
  for (int32_t step = 0; step < end; ++step) {
    const Node& n = graph.nodes[step];
    for (int32_t in : n.inputs) {
      if (in < 0 || graph.tensor(in).is_constant()) continue;
      if (!produced[in]) {
        return Status::Error(graph.path + ": cannot plan memory: " + graph.Describe(n) + " reads " +
                             graph.DescribeTensor(in) + " before any op produces it");
      }
      life[in].last = std::max(life[in].last, step);
    }
    for (int32_t out : n.outputs) {
      if (produced[out] || graph.tensor(out).is_constant()) {
        return Status::Error(graph.path + ": cannot plan memory: " + graph.Describe(n) +
                             " writes " + graph.DescribeTensor(out) +
                             ", which is constant or already produced");
      }
      produced[out] = true;
      life[out] = {step, step};
    }
  }
  for (int32_t out : graph.outputs) {
    if (!produced[out]) {
      return Status::Error(graph.path + ": cannot plan memory: graph output " +
                           graph.DescribeTensor(out) + " is never produced");
    }
    life[out].last = end;
  }
  for (int32_t t : keep_alive) life[t].last = end;

  MemoryPlan plan;
  plan.offsets.assign(count, -1);
  std::vector<int32_t> order;
  // A fused step: lifetimes that touch it cover all of it; tensors it alone uses get no space.
  std::vector<bool> skip(count, false);
  for (const FusedNodes& f : fused) {
    for (size_t t = 0; t < count; ++t) {
      if (life[t].last < f.first || life[t].first > f.last || life[t].last < life[t].first) {
        continue;
      }
      if (life[t].first >= f.first && life[t].first < f.last && life[t].last <= f.last) {
        skip[t] = true;
        continue;
      }
      if (life[t].last >= f.first) life[t].last = std::max(life[t].last, f.last);
      if (life[t].first >= f.first) life[t].first = std::min(life[t].first, f.first);
    }
  }
  for (size_t t = 0; t < count; ++t) {
    if (produced[t] && !skip[t] && life[t].last >= life[t].first) {
      order.push_back(static_cast<int32_t>(t));
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return ByteSize(graph.tensor(a)) > ByteSize(graph.tensor(b));
  });
  std::vector<int32_t> placed;
  for (int32_t t : order) {
    const int64_t size = AlignUp(std::max<int64_t>(ByteSize(graph.tensor(t)), 1));
    // Intervals taken by live-overlapping tensors, sorted by offset.
    std::vector<std::pair<int64_t, int64_t>> taken;
    for (int32_t p : placed) {
      if (life[p].first <= life[t].last && life[t].first <= life[p].last) {
        taken.emplace_back(plan.offsets[p], plan.offsets[p] + AlignUp(ByteSize(graph.tensor(p))));
      }
    }
    std::sort(taken.begin(), taken.end());
    int64_t offset = 0;
    for (const auto& [lo, hi] : taken) {
      if (offset + size <= lo) break;
      offset = std::max(offset, hi);
    }
    plan.offsets[t] = offset;
    plan.arena_bytes = std::max(plan.arena_bytes, offset + size);
    placed.push_back(t);
  }
  return plan;
}

}  // namespace posenet
