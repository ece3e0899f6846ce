// posenet model-run MODEL --input RAW --out DIR: runs the network on raw input bytes and
// writes every output (and any named intermediate) as <name>.bin plus outputs.json.
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "base/file.h"
#include "base/output_file.h"
#include "cli_common.h"
#include "commands.h"
#include "json_out.h"
#include "posenet/posenet.h"

namespace posenet::cli {
namespace {

struct ModelRunArgs {
  std::string model, input, out_dir, input_size, tensors;
  int threads = 1;
  int64_t max_memory = 0;
};

std::vector<std::string> SplitNames(const std::string& list) {
  std::vector<std::string> names;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) names.push_back(item);
  }
  return names;
}

int RunModelRun(const ModelRunArgs& args) {
  ProtectInputFile(args.model);
  ProtectInputFile(args.input);
  auto model = Model::Load(args.model);
  if (!model.ok()) return Fail(model.status());
  Options options;
  options.max_memory = args.max_memory;
  options.threads = ResolveThreads(args.threads);
  options.keep_tensors = SplitNames(args.tensors);
  if (!args.input_size.empty()) {
    Status s = ParseSize(args.input_size, options.input_height, options.input_width);
    if (!s.ok()) return Fail(s);
  }
  auto session = Session::Create(*model, options);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;

  auto bytes = ReadFileBytes(args.input);
  if (!bytes.ok()) return Fail(bytes.status());
  const TensorInfo in = s.input_info();
  if (bytes->size() != in.bytes) {
    return Fail(args.input + ": cannot use input: expected " + std::to_string(in.bytes) +
                " bytes (" + std::string(ElementTypeName(in.type)) + " NHWC " +
                std::to_string(in.shape[1]) + "x" + std::to_string(in.shape[2]) + "x" +
                std::to_string(in.shape[3]) + "), found " + std::to_string(bytes->size()));
  }
  std::copy(bytes->begin(), bytes->end(), s.input().begin());
  s.Run();

  std::error_code ec;
  std::filesystem::create_directories(args.out_dir, ec);
  if (ec) return Fail(args.out_dir + ": cannot create folder: " + ec.message());
  std::vector<std::string> names;
  for (const TensorInfo& t : s.output_info()) names.push_back(t.name);
  for (const std::string& n : options.keep_tensors) names.push_back(n);
  JsonOut json;
  json.BeginObject().Key("model").String(args.model).Key("outputs").BeginArray();
  for (const std::string& name : names) {
    const TensorInfo info = s.info(name);
    const auto data = s.output(name);
    const std::string file = TensorFileName(name) + ".bin";
    Status w = WriteFileAtomically((std::filesystem::path(args.out_dir) / file).string(),
                                   data.data(), data.size());
    if (!w.ok()) return Fail(w);
    json.BeginObject().Key("name").String(name).Key("file").String(file);
    json.Key("shape").Ints(info.shape).Key("type").String(ElementTypeName(info.type));
    json.Key("scale").Number(info.scale).Key("zero_point").Int(info.zero_point).EndObject();
  }
  json.EndArray().EndObject();
  const std::string text = json.text() + "\n";
  Status w = WriteFileAtomically((std::filesystem::path(args.out_dir) / "outputs.json").string(),
                                 text.data(), text.size());
  return w.ok() ? 0 : Fail(w);
}

}  // namespace

void RegisterModelRun(CLI::App& app, Runner& run) {
  auto args = std::make_shared<ModelRunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "model-run", "Run the network on raw input bytes and write its output tensors");
  cmd->add_option("model", args->model, "The .tflite file")->required();
  cmd->add_option("--input", args->input,
                  "Raw HWC input: uint8 or float32 bytes, by the input tensor's type")
      ->required();
  cmd->add_option("--out", args->out_dir, "Folder for <tensor>.bin and outputs.json")->required();
  cmd->add_option("--input-size", args->input_size, "Input size HxW (default: the file's own)");
  cmd->add_option("--tensors", args->tensors, "Intermediate tensors to write too: NAME,NAME");
  AddMaxMemoryFlag(cmd, args->max_memory);
  cmd->add_option("--threads", args->threads, "Threads (0: all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  cmd->callback([args, &run] { run = [args] { return RunModelRun(*args); }; });
}

}  // namespace posenet::cli
