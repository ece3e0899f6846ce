#include "runtime/executor.h"

#include <algorithm>
#include <new>

#include "base/memory_limit.h"
#include "graph/output_stride.h"
#include "graph/shape_inference.h"
#include "runtime/merged_convs.h"
#include "runtime/row_fusion.h"

namespace posenet {

Executor::~Executor() = default;

Result<std::unique_ptr<Executor>> Executor::Create(std::shared_ptr<const ModelFile> model,
                                                   const ExecutorOptions& options) {
  auto shared = std::make_shared<SharedWeights>(model);
  return Create(std::move(model), std::move(shared), options);
}

namespace {

int64_t Aligned(int64_t bytes) {
  const auto a = static_cast<int64_t>(AlignedBuffer::kAlignment);
  return (std::max<int64_t>(bytes, 1) + a - 1) / a * a;
}

// "<model>: cannot create session: needs [at least ]N bytes (<what>), over the memory limit
// of L bytes (...)".
Status MemoryError(const Graph& g, const std::string& at_least, int64_t needed,
                   const std::string& what, int64_t limit) {
  return Status::Error(g.path + ": cannot create session: needs " + at_least +
                       std::to_string(needed) + " bytes (" + what + "), over the memory limit of " +
                       std::to_string(limit) + " bytes (Options::max_memory, --max-memory)");
}

// Before any kernel packs weights: the aligned constants and the largest activation (which the
// arena holds at some point) must fit, or the input size is hopeless. Returns the constants'
// aligned bytes.
Result<int64_t> ConstantBytesWithin(const Graph& g, int64_t limit) {
  int64_t constant_bytes = 0;
  int32_t largest = -1;
  for (size_t t = 0; t < g.tensors.size(); ++t) {
    const TensorDef& def = g.tensors[t];
    if (def.is_constant()) {
      constant_bytes += Aligned(static_cast<int64_t>(def.data.size()));
    } else if (largest < 0 || ByteSize(def) > ByteSize(g.tensor(largest))) {
      largest = static_cast<int32_t>(t);
    }
  }
  const int64_t largest_bytes = largest < 0 ? 0 : Aligned(ByteSize(g.tensor(largest)));
  if (constant_bytes + largest_bytes > limit) {
    return MemoryError(g, "at least ", constant_bytes + largest_bytes,
                       g.DescribeTensor(largest) + " " + ShapeToString(g.tensor(largest).shape) +
                           " alone takes " + std::to_string(largest_bytes),
                       limit);
  }
  return constant_bytes;
}

}  // namespace

Result<std::unique_ptr<Executor>> Executor::Create(std::shared_ptr<const ModelFile> model,
                                                   std::shared_ptr<SharedWeights> shared,
                                                   const ExecutorOptions& options) {
  if (options.threads < 1 || options.threads > 256) {
    return Status::Error("cannot create session: threads must be 1-256, found " +
                         std::to_string(options.threads));
  }
  if (options.max_memory < 0) {
    return Status::Error("cannot create session: the memory limit must be >= 0, found " +
                         std::to_string(options.max_memory));
  }
  const int64_t limit = options.max_memory > 0 ? options.max_memory : DefaultMemoryLimit();
  const std::string path = model != nullptr ? model->path : "";
  std::unique_ptr<Executor> e(new Executor());
  e->model_ = std::move(model);
  e->shared_ = std::move(shared);
  e->options_ = options;
  try {
    POSENET_RETURN_IF_ERROR(e->BuildGraph());
    POSENET_ASSIGN_OR_RETURN(const std::vector<int32_t> keep, e->KeptTensors());
    POSENET_ASSIGN_OR_RETURN(const int64_t constant_bytes, ConstantBytesWithin(e->graph_, limit));
    // What kernels pack while they prepare (weights no earlier session of the model packed).
    const int64_t packed_before = AlignedBuffer::AllocatedOnThisThread();
    // Kernels are prepared before memory is planned: tensors inside a row-fused chain get no
    // arena space.
    POSENET_RETURN_IF_ERROR(e->PrepareKernels());
    const std::vector<FusedNodes> fused = e->GroupSteps(keep);
    const int64_t packed_bytes = AlignedBuffer::AllocatedOnThisThread() - packed_before;
    POSENET_RETURN_IF_ERROR(e->AllocateMemory(keep, fused, limit, constant_bytes + packed_bytes));
  } catch (const std::bad_alloc&) {
    // Sizes were checked against the memory limit first; the system can still have less.
    return Status::Error(path + ": cannot create session: out of memory");
  }
  return e;
}

Status Executor::BuildGraph() {
  graph_ = GraphFromModel(*model_);
  if (options_.output_stride != 0) {
    POSENET_RETURN_IF_ERROR(SetOutputStride(graph_, options_.output_stride));
  }
  POSENET_RETURN_IF_ERROR(InferShapes(graph_, options_.input_height, options_.input_width));
  POSENET_ASSIGN_OR_RETURN(output_stride_, NativeOutputStride(graph_));
  return Status::Ok();
}

Result<std::vector<int32_t>> Executor::KeptTensors() const {
  std::vector<int32_t> keep;
  for (const std::string& name : options_.keep_tensors) {
    const int32_t t = graph_.FindTensor(name);
    if (t < 0) return Status::Error(graph_.path + ": cannot find tensor '" + name + "'");
    if (!graph_.tensor(t).is_constant()) keep.push_back(t);
  }
  return keep;
}

Status Executor::PrepareKernels() {
  PrepareContext ctx;
  ctx.graph = &graph_;
  ctx.threads = options_.threads;
  ctx.isa = options_.isa;
  ctx.shared = shared_.get();
  for (const Node& node : graph_.nodes) {
    std::unique_ptr<OpKernel> kernel = CreateOpKernel(node.code);
    ctx.node = &node;
    POSENET_RETURN_IF_ERROR(kernel->Prepare(ctx));
    OpProfile p;
    p.node = node.index;
    p.code = node.code;
    p.output_name = graph_.tensor(node.outputs[0]).name;
    p.output_shape = graph_.tensor(node.outputs[0]).shape;
    p.macs = kernel->macs();
    p.implementation = kernel->implementation();
    profile_.push_back(std::move(p));
    kernels_.push_back(std::move(kernel));
  }
  return Status::Ok();
}

std::vector<FusedNodes> Executor::GroupSteps(const std::vector<int32_t>& keep) {
  // Nodes that run as one step: 1x1 convolutions of one input merged into one GEMM, then
  // row-fused chains among the other nodes.
  struct Group {
    int32_t first, last;
    std::unique_ptr<OpKernel> kernel;
  };
  std::vector<Group> groups;
  if (options_.merge_convs) {
    for (const ConvGroup& g : FindSharedInputConvs(graph_, kernels_)) {
      std::unique_ptr<OpKernel> k =
          CreateMergedConvKernel(graph_, kernels_, g, options_.isa, *shared_);
      if (k != nullptr) groups.push_back({g.first, g.last, std::move(k)});
    }
  }
  if (options_.row_fusion.enabled) {
    for (const RowChain& chain : FindRowChains(graph_, kernels_, keep, options_.row_fusion)) {
      const bool taken = std::any_of(groups.begin(), groups.end(), [&](const Group& g) {
        return g.first <= chain.last && chain.first <= g.last;
      });
      if (taken) continue;
      std::vector<const RowStreaming*> layers;
      for (int32_t i = chain.first; i <= chain.last; ++i) {
        layers.push_back(kernels_[i]->row_streaming());
      }
      groups.push_back(
          {chain.first, chain.last,
           CreateRowChainKernel(std::move(layers), options_.threads, options_.row_fusion)});
    }
  }
  std::sort(groups.begin(), groups.end(),
            [](const Group& a, const Group& b) { return a.first < b.first; });
  std::vector<FusedNodes> fused;
  const auto run_alone = [&](size_t node) {
    steps_.push_back({kernels_[node].get(), static_cast<int32_t>(node)});
  };
  size_t next = 0;
  for (Group& g : groups) {
    for (; next < static_cast<size_t>(g.first); ++next) run_alone(next);
    for (int32_t i = g.first; i <= g.last; ++i) profile_[i].fused_into = g.first;
    profile_[g.first].chain = "nodes " + std::to_string(g.first) + "-" + std::to_string(g.last) +
                              " " + g.kernel->implementation();
    steps_.push_back({g.kernel.get(), g.first});
    fused.push_back({g.first, g.last});
    group_kernels_.push_back(std::move(g.kernel));
    next = static_cast<size_t>(g.last) + 1;
  }
  for (; next < kernels_.size(); ++next) run_alone(next);
  return fused;
}

Status Executor::AllocateMemory(const std::vector<int32_t>& keep,
                                const std::vector<FusedNodes>& fused, int64_t limit,
                                int64_t weight_bytes) {
  POSENET_ASSIGN_OR_RETURN(plan_, PlanMemory(graph_, keep, fused));
  size_t scratch = 0;
  for (const Step& step : steps_) scratch = std::max(scratch, step.kernel->scratch_bytes());
  // Every buffer of the session, added up before the arena and scratch are allocated.
  const int64_t scratch_bytes = Aligned(static_cast<int64_t>(scratch));
  memory_bytes_ = Aligned(plan_.arena_bytes) + scratch_bytes + weight_bytes;
  if (memory_bytes_ > limit) {
    return MemoryError(graph_, "", memory_bytes_,
                       "arena " + std::to_string(plan_.arena_bytes) + ", scratch " +
                           std::to_string(scratch_bytes) + ", constants and packed weights " +
                           std::to_string(weight_bytes),
                       limit);
  }
  arena_ = AlignedBuffer(static_cast<size_t>(plan_.arena_bytes));
  // Constants are the model's aligned copies, shared by its sessions; kernels only read them.
  const std::vector<const uint8_t*>* constants = shared_->Constants();
  if (constants == nullptr) {
    return Status::Error(graph_.path + ": cannot allocate the aligned copy of the constants");
  }
  pointers_.assign(graph_.tensors.size(), nullptr);
  for (size_t t = 0; t < pointers_.size(); ++t) {
    if (graph_.tensors[t].is_constant()) {
      pointers_[t] = const_cast<uint8_t*>((*constants)[t]);
    } else if (plan_.offsets[t] >= 0) {
      pointers_[t] = arena_.data() + plan_.offsets[t];
    }
  }
  scratch_ = AlignedBuffer(scratch);
  if (options_.threads > 1) pool_ = std::make_unique<ThreadPool>(options_.threads);
  return Status::Ok();
}

void Executor::Run() {
  RunContext ctx;
  ctx.tensors = pointers_.data();
  ctx.pool = pool_.get();
  ctx.scratch = scratch_.data();
  for (const Step& step : steps_) {
    if (!options_.profile) {
      step.kernel->Run(ctx);
      continue;
    }
    const auto start = std::chrono::steady_clock::now();
    step.kernel->Run(ctx);
    const auto stop = std::chrono::steady_clock::now();
    OpProfile& p = profile_[step.node];
    p.total_ms += std::chrono::duration<double, std::milli>(stop - start).count();
    p.runs += 1;
  }
}

int64_t Executor::total_macs() const {
  int64_t total = 0;
  for (const OpProfile& p : profile_) total += p.macs;
  return total;
}

void Executor::ResetProfile() {
  for (OpProfile& p : profile_) p.total_ms = 0, p.runs = 0;
}

}  // namespace posenet
