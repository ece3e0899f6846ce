// posenet model-info MODEL: inputs, outputs, ops, tensors, MACs and arena size.
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "base/printable.h"
#include "cli_common.h"
#include "commands.h"
#include "graph/graph.h"
#include "model/model_file.h"
#include "posenet/posenet.h"
#include "runtime/executor.h"

namespace posenet::cli {
namespace {

struct ModelInfoArgs {
  std::string model;
  std::string input_size;
  bool tensors = false, ops = false;
  int output_stride = 0;
  int64_t max_memory = 0;
};

std::string Quant(const TensorDef& t) {
  if (t.quantization.empty()) return "";
  if (t.quantization.per_channel()) {
    return " per-channel(" + std::to_string(t.quantization.scale.size()) + " scales, dim " +
           std::to_string(t.quantization.quantized_dimension) + ")";
  }
  char buf[64];
  std::snprintf(buf, sizeof(buf), " scale=%.9g zero_point=%lld", t.quantization.scale[0],
                static_cast<long long>(t.quantization.zero_point[0]));
  return buf;
}

void PrintTensor(const Graph& g, int32_t i) {
  const TensorDef& t = g.tensor(i);
  std::printf("  %4d %-8s %-18s%s%s  %s\n", i, std::string(Name(t.type)).c_str(),
              ShapeToString(t.shape).c_str(), t.is_constant() ? " const" : "", Quant(t).c_str(),
              EscapeNonPrintable(t.name).c_str());
}

// One line per op: index, name, output shape, and for windowed ops stride and dilation (as run,
// i.e. after --output-stride).
void PrintOp(const Graph& g, const Node& n) {
  std::string window;
  if (const auto* c = std::get_if<Conv2DOptions>(&n.options)) {
    window = " stride " + std::to_string(c->stride_h) + "x" + std::to_string(c->stride_w) +
             " dilation " + std::to_string(c->dilation_h) + "x" + std::to_string(c->dilation_w);
  } else if (const auto* d = std::get_if<DepthwiseConv2DOptions>(&n.options)) {
    window = " stride " + std::to_string(d->stride_h) + "x" + std::to_string(d->stride_w) +
             " dilation " + std::to_string(d->dilation_h) + "x" + std::to_string(d->dilation_w);
  } else if (const auto* p = std::get_if<Pool2DOptions>(&n.options)) {
    window = " stride " + std::to_string(p->stride_h) + "x" + std::to_string(p->stride_w);
  }
  std::printf("  op %3d %-20s -> %-18s%s\n", n.index, std::string(OpName(n.code)).c_str(),
              ShapeToString(g.tensor(n.outputs[0]).shape).c_str(), window.c_str());
}

int RunModelInfo(const ModelInfoArgs& args) {
  auto model = Model::Load(args.model);
  if (!model.ok()) return Fail(model.status());
  Options options;
  options.max_memory = args.max_memory;
  if (!args.input_size.empty()) {
    Status s = ParseSize(args.input_size, options.input_height, options.input_width);
    if (!s.ok()) return Fail(s);
  }
  options.output_stride = args.output_stride;
  auto session = Session::Create(*model, options);
  if (!session.ok()) return Fail(session.status());
  const Executor& e = (*session)->executor();
  const Graph& g = e.graph();

  // Names and the description come from the file: escaped, never sent to the terminal raw.
  std::printf("model: %s\n", EscapeNonPrintable(args.model).c_str());
  if (!(*model)->file().description.empty()) {
    std::printf("description: %s\n", EscapeNonPrintable((*model)->file().description).c_str());
  }
  std::printf("inputs:\n");
  for (int32_t i : g.inputs) PrintTensor(g, i);
  std::printf("outputs:\n");
  for (int32_t i : g.outputs) PrintTensor(g, i);
  std::map<std::string, int> op_counts;
  for (const Node& n : g.nodes) op_counts[std::string(OpName(n.code))]++;
  std::printf("ops: %zu\n", g.nodes.size());
  for (const auto& [name, count] : op_counts) std::printf("  %-20s %d\n", name.c_str(), count);
  if (const DecoderSettings* d = (*model)->decoder()) {
    std::printf(
        "decoder: PosenetDecoderOp max_detections=%d score_threshold=%g nms_radius=%g "
        "stride=%d\n",
        d->max_detections, d->score_threshold, d->nms_radius, d->stride);
  }
  int64_t weight_bytes = 0;
  for (const TensorDef& t : g.tensors) weight_bytes += static_cast<int64_t>(t.data.size());
  std::printf("tensors: %zu (%lld bytes of constants)\n", g.tensors.size(),
              static_cast<long long>(weight_bytes));
  if (args.tensors) {
    for (size_t i = 0; i < g.tensors.size(); ++i) PrintTensor(g, static_cast<int32_t>(i));
  }
  if (args.ops) {
    for (const Node& n : g.nodes) PrintOp(g, n);
  }
  std::printf("macs per inference: %lld (%.1f M)\n", static_cast<long long>(e.total_macs()),
              static_cast<double>(e.total_macs()) / 1e6);
  std::printf("arena bytes: %lld\n", static_cast<long long>(e.arena_bytes()));
  return 0;
}

}  // namespace

void RegisterModelInfo(CLI::App& app, Runner& run) {
  auto args = std::make_shared<ModelInfoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "model-info", "Print a model's inputs, outputs, ops, tensors, MACs and arena size");
  cmd->add_option("model", args->model, "The .tflite file")->required();
  cmd->add_option("--input-size", args->input_size,
                  "Input size HxW to plan for (default: the file's own)");
  cmd->add_flag("--tensors", args->tensors, "List every tensor");
  AddMaxMemoryFlag(cmd, args->max_memory);
  cmd->add_flag("--ops", args->ops, "List every op with its output shape, stride and dilation");
  cmd->add_option("--output-stride", args->output_stride,
                  "Plan for output stride 8, 16 or 32 (default: the model's own)")
      ->check(CLI::IsMember({0, 8, 16, 32}));
  cmd->callback([args, &run] { run = [args] { return RunModelInfo(*args); }; });
}

}  // namespace posenet::cli
