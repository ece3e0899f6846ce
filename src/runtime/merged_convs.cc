#include "runtime/merged_convs.h"

#include "kernels/optimized/float/float_merged_conv.h"

namespace posenet {
namespace {

class MergedConvKernel final : public OpKernel {
 public:
  MergedConvKernel(std::shared_ptr<const PreparedMergedConv> merged, int32_t input,
                   std::vector<int32_t> outputs)
      : merged_(std::move(merged)), input_(input), outputs_(std::move(outputs)) {}

  Status Prepare(const PrepareContext&) override { return Status::Ok(); }

  void Run(const RunContext& ctx) const override {
    void* outs[kMaxOutputs];
    for (size_t i = 0; i < outputs_.size(); ++i) outs[i] = ctx.tensors[outputs_[i]];
    merged_->Run(ctx.tensors[input_], outs, ctx.scratch, ctx.pool);
  }

  size_t scratch_bytes() const override { return merged_->scratch_bytes(); }
  std::string implementation() const override { return merged_->name(); }

  static constexpr size_t kMaxOutputs = 16;

 private:
  std::shared_ptr<const PreparedMergedConv> merged_;
  int32_t input_;
  std::vector<int32_t> outputs_;
};

}  // namespace

std::vector<ConvGroup> FindSharedInputConvs(const Graph& graph,
                                            const std::vector<std::unique_ptr<OpKernel>>& kernels) {
  std::vector<ConvGroup> groups;
  for (size_t i = 0; i < kernels.size();) {
    size_t j = i;
    if (kernels[i]->float_conv_problem() != nullptr) {
      const int32_t input = graph.nodes[i].inputs[0];
      while (j + 1 < kernels.size() && j + 1 - i < MergedConvKernel::kMaxOutputs &&
             kernels[j + 1]->float_conv_problem() != nullptr &&
             graph.nodes[j + 1].inputs[0] == input) {
        ++j;
      }
    }
    if (j > i) groups.push_back({static_cast<int32_t>(i), static_cast<int32_t>(j)});
    i = j + 1;
  }
  return groups;
}

std::unique_ptr<OpKernel> CreateMergedConvKernel(
    const Graph& graph, const std::vector<std::unique_ptr<OpKernel>>& kernels, ConvGroup group,
    IsaLevel isa, SharedWeights& shared) {
  std::vector<ConvProblem> problems;
  std::vector<int32_t> outputs;
  for (int32_t i = group.first; i <= group.last; ++i) {
    problems.push_back(*kernels[i]->float_conv_problem());
    outputs.push_back(graph.nodes[i].outputs[0]);
  }
  const ConvProblem& first = problems.front();
  std::shared_ptr<const PreparedMergedConv> merged = shared.Share<PreparedMergedConv>(
      ShareKey("merged convs", {group.first, group.last, static_cast<int64_t>(isa), first.threads,
                                first.in.n, first.in.h, first.in.w}),
      [&] { return PrepareFloatMergedConv(problems, isa); });
  if (merged == nullptr) return nullptr;
  return std::make_unique<MergedConvKernel>(std::move(merged), graph.nodes[group.first].inputs[0],
                                            std::move(outputs));
}

}  // namespace posenet
