// posenet model-info MODEL: inputs, outputs, ops, tensors, MACs and arena size.
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "base/printable.h"
#include "cli_common.h"
#include "commands.h"
#include "posenet/posenet.h"

namespace posenet::cli {
namespace {

struct ModelInfoArgs {
  std::string model;
  std::string input_size;
  bool tensors = false, ops = false;
  int output_stride = 0;
  int64_t max_memory = 0;
};

std::string Quant(const TensorInfo& t) {
  if (t.scale <= 0) return "";
  if (t.channel_scales > 0) {
    return " per-channel(" + std::to_string(t.channel_scales) + " scales, dim " +
           std::to_string(t.quantized_dimension) + ")";
  }
  char buf[64];
  std::snprintf(buf, sizeof(buf), " scale=%.9g zero_point=%lld", t.scale,
                static_cast<long long>(t.zero_point));
  return buf;
}

void PrintTensor(const NetworkInfo& n, int i) {
  const TensorInfo& t = n.tensors[i];
  std::printf("  %4d %-8s %-18s%s%s  %s\n", i, std::string(ElementTypeName(t.type)).c_str(),
              ShapeText(t.shape).c_str(), t.constant ? " const" : "", Quant(t).c_str(),
              EscapeNonPrintable(t.name).c_str());
}

// One line per op: index, name, output shape, and for windowed ops stride and dilation (as run,
// i.e. after --output-stride).
void PrintOp(const NetworkInfo& n, const OpInfo& op) {
  std::string window;
  if (op.stride_h > 0) {
    window = " stride " + std::to_string(op.stride_h) + "x" + std::to_string(op.stride_w);
  }
  if (op.dilation_h > 0) {
    window += " dilation " + std::to_string(op.dilation_h) + "x" + std::to_string(op.dilation_w);
  }
  std::printf("  op %3d %-20s -> %-18s%s\n", op.index, op.name.c_str(),
              ShapeText(n.tensors[op.outputs[0]].shape).c_str(), window.c_str());
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
  const NetworkInfo& n = (*session)->network();

  // Names and the description come from the file: escaped, never sent to the terminal raw.
  std::printf("model: %s\n", EscapeNonPrintable(args.model).c_str());
  if (!(*model)->description().empty()) {
    std::printf("description: %s\n", EscapeNonPrintable((*model)->description()).c_str());
  }
  std::printf("inputs:\n");
  for (int i : n.inputs) PrintTensor(n, i);
  std::printf("outputs:\n");
  for (int i : n.outputs) PrintTensor(n, i);
  std::map<std::string, int> op_counts;
  for (const OpInfo& op : n.ops) op_counts[op.name]++;
  std::printf("ops: %zu\n", n.ops.size());
  for (const auto& [name, count] : op_counts) std::printf("  %-20s %d\n", name.c_str(), count);
  if (const DecoderSettings* d = (*model)->decoder()) {
    std::printf(
        "decoder: PosenetDecoderOp max_detections=%d score_threshold=%g nms_radius=%g "
        "stride=%d\n",
        d->max_detections, d->score_threshold, d->nms_radius, d->stride);
  }
  int64_t weight_bytes = 0;
  for (const TensorInfo& t : n.tensors)
    weight_bytes += t.constant ? static_cast<int64_t>(t.bytes) : 0;
  std::printf("tensors: %zu (%lld bytes of constants)\n", n.tensors.size(),
              static_cast<long long>(weight_bytes));
  if (args.tensors) {
    for (size_t i = 0; i < n.tensors.size(); ++i) PrintTensor(n, static_cast<int>(i));
  }
  if (args.ops) {
    for (const OpInfo& op : n.ops) PrintOp(n, op);
  }
  std::printf("macs per inference: %lld (%.1f M)\n", static_cast<long long>(n.macs),
              static_cast<double>(n.macs) / 1e6);
  std::printf("arena bytes: %lld\n", static_cast<long long>(n.arena_bytes));
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
