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
  std::unique_ptr<Executor> e(new Executor());
  const std::string path = model != nullptr ? model->path : "";
  try {
    POSENET_RETURN_IF_ERROR(e->Init(std::move(model), options));
  } catch (const std::bad_alloc&) {
    // Sizes were checked against the memory limit first; the system can still have less.
    return Status::Error(path + ": cannot create session: out of memory");
  }
  return e;
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

}  // namespace

Status Executor::Init(std::shared_ptr<const ModelFile> model, const ExecutorOptions& options) {
  if (options.threads < 1 || options.threads > 256) {
    return Status::Error("cannot create session: threads must be 1-256, found " +
                         std::to_string(options.threads));
  }
  if (options.max_memory < 0) {
    return Status::Error("cannot create session: the memory limit must be >= 0, found " +
                         std::to_string(options.max_memory));
  }
  const int64_t limit = options.max_memory > 0 ? options.max_memory : DefaultMemoryLimit();
  model_ = std::move(model);
  options_ = options;
  graph_ = GraphFromModel(*model_);
  if (options.output_stride != 0) {
    POSENET_RETURN_IF_ERROR(SetOutputStride(graph_, options.output_stride));
  }
  POSENET_RETURN_IF_ERROR(InferShapes(graph_, options.input_height, options.input_width));
  POSENET_ASSIGN_OR_RETURN(output_stride_, NativeOutputStride(graph_));

  // Before any kernel packs weights: the aligned constants and the largest activation (which
  // the arena holds at some point) must fit, or the input size is hopeless.
  int64_t constant_bytes = 0;
  int32_t largest = -1;
  for (size_t t = 0; t < graph_.tensors.size(); ++t) {
    const TensorDef& def = graph_.tensors[t];
    if (def.is_constant()) {
      constant_bytes += Aligned(static_cast<int64_t>(def.data.size()));
    } else if (largest < 0 || ByteSize(def) > ByteSize(graph_.tensor(largest))) {
      largest = static_cast<int32_t>(t);
    }
  }
  const int64_t largest_bytes = largest < 0 ? 0 : Aligned(ByteSize(graph_.tensor(largest)));
  if (constant_bytes + largest_bytes > limit) {
    return MemoryError(graph_, "at least ", constant_bytes + largest_bytes,
                       graph_.DescribeTensor(largest) + " " +
                           ShapeToString(graph_.tensor(largest).shape) + " alone takes " +
                           std::to_string(largest_bytes),
                       limit);
  }
  const int64_t packed_before = AlignedBuffer::AllocatedOnThisThread();

  std::vector<int32_t> keep;
  for (const std::string& name : options.keep_tensors) {
    const int32_t t = graph_.FindTensor(name);
    if (t < 0) return Status::Error(graph_.path + ": cannot find tensor '" + name + "'");
    if (!graph_.tensor(t).is_constant()) keep.push_back(t);
  }
  // Kernels are prepared before memory is planned: tensors inside a row-fused chain get no
  // arena space.
  size_t scratch = 0;
  PrepareContext ctx;
  ctx.graph = &graph_;
  ctx.threads = options.threads;
  ctx.isa = options.isa;
  for (const Node& node : graph_.nodes) {
    std::unique_ptr<OpKernel> kernel = CreateOpKernel(node.code);
    ctx.node = &node;
    POSENET_RETURN_IF_ERROR(kernel->Prepare(ctx));
    scratch = std::max(scratch, kernel->scratch_bytes());
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
  // Nodes that run as one step: 1x1 convolutions of one input merged into one GEMM, then
  // row-fused chains among the other nodes.
  struct Group {
    int32_t first, last;
    std::unique_ptr<OpKernel> kernel;
  };
  std::vector<Group> groups;
  if (options.merge_convs) {
    for (const ConvGroup& g : FindSharedInputConvs(graph_, kernels_)) {
      std::unique_ptr<OpKernel> k = CreateMergedConvKernel(graph_, kernels_, g, options.isa);
      if (k != nullptr) groups.push_back({g.first, g.last, std::move(k)});
    }
  }
  if (options.row_fusion.enabled) {
    for (const RowChain& chain : FindRowChains(graph_, kernels_, keep, options.row_fusion)) {
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
           CreateRowChainKernel(std::move(layers), options.threads, options.row_fusion)});
    }
  }
  std::sort(groups.begin(), groups.end(),
            [](const Group& a, const Group& b) { return a.first < b.first; });
  std::vector<FusedNodes> fused;
  size_t next = 0;
  for (Group& g : groups) {
    for (; next < static_cast<size_t>(g.first); ++next) {
      steps_.push_back({kernels_[next].get(), static_cast<int32_t>(next)});
    }
    for (int32_t i = g.first; i <= g.last; ++i) profile_[i].fused_into = g.first;
    profile_[g.first].chain = "nodes " + std::to_string(g.first) + "-" + std::to_string(g.last) +
                              " " + g.kernel->implementation();
    scratch = std::max(scratch, g.kernel->scratch_bytes());
    steps_.push_back({g.kernel.get(), g.first});
    fused.push_back({g.first, g.last});
    group_kernels_.push_back(std::move(g.kernel));
    next = static_cast<size_t>(g.last) + 1;
  }
  for (; next < kernels_.size(); ++next) {
    steps_.push_back({kernels_[next].get(), static_cast<int32_t>(next)});
  }

  POSENET_ASSIGN_OR_RETURN(plan_, PlanMemory(graph_, keep, fused));
  // Every buffer of the session, added up before the arena and scratch are allocated.
  const int64_t packed_bytes = AlignedBuffer::AllocatedOnThisThread() - packed_before;
  const int64_t scratch_bytes = Aligned(static_cast<int64_t>(scratch));
  memory_bytes_ = Aligned(plan_.arena_bytes) + scratch_bytes + constant_bytes + packed_bytes;
  if (memory_bytes_ > limit) {
    return MemoryError(graph_, "", memory_bytes_,
                       "arena " + std::to_string(plan_.arena_bytes) + ", scratch " +
                           std::to_string(scratch_bytes) + ", constants " +
                           std::to_string(constant_bytes) + ", packed weights " +
                           std::to_string(packed_bytes),
                       limit);
  }
  arena_ = AlignedBuffer(static_cast<size_t>(plan_.arena_bytes));

  // Constants are copied once so every kernel sees aligned data, whatever the file's layout.
  const size_t count = graph_.tensors.size();
  constants_.resize(count);
  pointers_.assign(count, nullptr);
  for (size_t t = 0; t < count; ++t) {
    const TensorDef& def = graph_.tensors[t];
    if (def.is_constant()) {
      constants_[t] = AlignedBuffer(def.data.size());
      std::copy(def.data.begin(), def.data.end(), constants_[t].data());
      pointers_[t] = constants_[t].data();
    } else if (plan_.offsets[t] >= 0) {
      pointers_[t] = arena_.data() + plan_.offsets[t];
    }
  }

  scratch_ = AlignedBuffer(scratch);
  if (options.threads > 1) pool_ = std::make_unique<ThreadPool>(options.threads);
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
