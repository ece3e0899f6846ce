#include "runtime/executor.h"

#include <algorithm>

#include "graph/output_stride.h"
#include "graph/shape_inference.h"
#include "runtime/merged_convs.h"
#include "runtime/row_fusion.h"

namespace posenet {

Executor::~Executor() = default;

Result<std::unique_ptr<Executor>> Executor::Create(std::shared_ptr<const ModelFile> model,
                                                   const ExecutorOptions& options) {
  std::unique_ptr<Executor> e(new Executor());
  POSENET_RETURN_IF_ERROR(e->Init(std::move(model), options));
  return e;
}

Status Executor::Init(std::shared_ptr<const ModelFile> model, const ExecutorOptions& options) {
  if (options.threads < 1 || options.threads > 256) {
    return Status::Error("cannot create session: threads must be 1-256, found " +
                         std::to_string(options.threads));
  }
  model_ = std::move(model);
  options_ = options;
  graph_ = GraphFromModel(*model_);
  if (options.output_stride != 0) {
    POSENET_RETURN_IF_ERROR(SetOutputStride(graph_, options.output_stride));
  }
  POSENET_RETURN_IF_ERROR(InferShapes(graph_, options.input_height, options.input_width));
  POSENET_ASSIGN_OR_RETURN(output_stride_, NativeOutputStride(graph_));

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
  arena_ = AlignedBuffer(static_cast<size_t>(plan_.arena_bytes));
  if (!arena_.allocated()) {
    return Status::Error(graph_.path + ": cannot allocate the arena of " +
                         std::to_string(plan_.arena_bytes) + " bytes");
  }

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
