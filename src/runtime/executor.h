// Executes a model: builds the graph IR for the requested input size, plans one arena, creates
// and prepares a kernel per node (once), then runs them in order as often as asked, with no
// allocation per run. One Executor per thread of the caller; the ModelFile it reads, the aligned
// constants and the packed weights are shared with the model's other executors (SharedWeights).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "base/aligned_buffer.h"
#include "base/cpu_features.h"
#include "base/status.h"
#include "base/thread_pool.h"
#include "graph/graph.h"
#include "graph/memory_plan.h"
#include "runtime/op_kernel.h"
#include "runtime/row_fusion.h"
#include "runtime/shared_weights.h"

namespace posenet {

struct ExecutorOptions {
  int threads = 1;
  int32_t input_height = 0;  // 0: the file's own input size
  int32_t input_width = 0;
  int32_t output_stride = 0;              // 0: the model's own
  std::vector<std::string> keep_tensors;  // intermediates that must survive the run
  bool profile = false;                   // time each op
  RowFusionOptions row_fusion;            // stream chains of convolutions through row buffers
  bool merge_convs = true;                // 1x1 convolutions of one input as one GEMM
  IsaLevel isa = IsaLevel::kScalar;       // highest SIMD level kernels may use
  int64_t max_memory = 0;                 // bytes; 0: DefaultMemoryLimit() (base/memory_limit.h)
};

struct OpProfile {
  int32_t node = 0;
  OpCode code = OpCode::kAdd;
  std::string output_name;
  Shape output_shape;
  int64_t macs = 0;
  std::string implementation;
  double total_ms = 0;  // summed over profiled runs
  int64_t runs = 0;
  // The first node of the group this node runs in (a row-fused chain or merged convolutions;
  // -1: none). The group's time is counted on its first node, whose `chain` describes it.
  int32_t fused_into = -1;
  std::string chain;
};

class Executor {
 public:
  static Result<std::unique_ptr<Executor>> Create(std::shared_ptr<const ModelFile> model,
                                                  std::shared_ptr<SharedWeights> shared,
                                                  const ExecutorOptions& options);
  // An executor that shares with no other.
  static Result<std::unique_ptr<Executor>> Create(std::shared_ptr<const ModelFile> model,
                                                  const ExecutorOptions& options);
  ~Executor();

  void Run();

  const Graph& graph() const { return graph_; }
  uint8_t* data(int32_t tensor) { return pointers_[tensor]; }
  const uint8_t* data(int32_t tensor) const { return pointers_[tensor]; }
  int64_t arena_bytes() const { return plan_.arena_bytes; }
  int64_t scratch_bytes() const { return static_cast<int64_t>(scratch_.size()); }
  // Everything the session needs: arena, scratch, aligned constants and the weights it packed
  // (weights an earlier session of the model packed are shared, not counted again).
  int64_t memory_bytes() const { return memory_bytes_; }
  int64_t total_macs() const;
  int threads() const { return options_.threads; }
  IsaLevel isa() const { return options_.isa; }
  int32_t output_stride() const { return output_stride_; }  // as run
  bool profiling() const { return options_.profile; }
  const std::vector<OpProfile>& profile() const { return profile_; }
  void ResetProfile();

 private:
  Executor() = default;
  // The steps of Create: the graph for the options (output stride, shapes), the tensors to keep,
  // a prepared kernel per node, nodes grouped into steps, then memory and tensor pointers (the
  // session's bytes checked against `limit` first; `weight_bytes`: constants and packed weights).
  Status BuildGraph();
  Result<std::vector<int32_t>> KeptTensors() const;
  Status PrepareKernels();
  std::vector<FusedNodes> GroupSteps(const std::vector<int32_t>& keep);
  Status AllocateMemory(const std::vector<int32_t>& keep, const std::vector<FusedNodes>& fused,
                        int64_t limit, int64_t weight_bytes);

  std::shared_ptr<const ModelFile> model_;
  std::shared_ptr<SharedWeights> shared_;
  ExecutorOptions options_;
  int32_t output_stride_ = 0;
  int64_t memory_bytes_ = 0;
  Graph graph_;
  MemoryPlan plan_;
  AlignedBuffer arena_;
  AlignedBuffer scratch_;
  std::vector<uint8_t*> pointers_;                        // per tensor
  std::vector<std::unique_ptr<OpKernel>> kernels_;        // per node
  std::vector<std::unique_ptr<OpKernel>> group_kernels_;  // each runs several nodes
  struct Step {
    const OpKernel* kernel;
    int32_t node;  // the first node it runs
  };
  std::vector<Step> steps_;
  std::unique_ptr<ThreadPool> pool_;  // null with one thread: kernels run on the caller
  std::vector<OpProfile> profile_;
};

}  // namespace posenet
