// posenet bench: times the network like TFLite's benchmark_model, with a per-op profile, and
// (with --peer) ONNX Runtime on the same input in the same invocation, for a fair ratio.
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "base/file.h"
#include "base/printable.h"
#include "cli_common.h"
#include "commands.h"
#include "model_path.h"
#include "posenet/posenet.h"
#include "runtime/executor.h"

namespace posenet::cli {
namespace {

struct BenchArgs {
  std::string model, input, input_size, peer, peer_tool;
  int threads = 1, warmup = 10, runs = 50, output_stride = 0;
  float input_mean = 127.5f, input_std = 127.5f;
  bool json = false, no_profile = false, no_row_fusion = false;
  int64_t max_memory = 0;
};

struct Stats {
  double median = 0, min = 0, max = 0, stddev = 0;
};

Stats Summarize(std::vector<double> v) {
  Stats s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  s.min = v.front();
  s.max = v.back();
  double mean = 0;
  for (double x : v) mean += x / static_cast<double>(n);
  for (double x : v) s.stddev += (x - mean) * (x - mean) / static_cast<double>(n);
  s.stddev = std::sqrt(s.stddev);
  return s;
}

Status FillInput(const BenchArgs& args, Session& s) {
  const TensorInfo in = s.input_info();
  const size_t pixels = in.bytes / (in.type == ElementType::kFloat32 ? 4 : 1);
  std::vector<uint8_t> raw(pixels);
  if (!args.input.empty()) {
    POSENET_ASSIGN_OR_RETURN(raw, ReadFileBytes(args.input));
    if (raw.size() != pixels) {
      return Status::Error(args.input + ": cannot use input: expected " + std::to_string(pixels) +
                           " bytes (HWC uint8 of the model input), found " +
                           std::to_string(raw.size()));
    }
  } else {
    std::mt19937 rng(1);
    for (uint8_t& b : raw) b = static_cast<uint8_t>(rng());
  }
  std::span<uint8_t> dst = s.input();
  if (in.type == ElementType::kFloat32) {
    for (size_t i = 0; i < pixels; ++i) {
      const float v = (static_cast<float>(raw[i]) - args.input_mean) / args.input_std;
      std::memcpy(dst.data() + i * 4, &v, 4);
    }
  } else {
    std::copy(raw.begin(), raw.end(), dst.begin());
  }
  return Status::Ok();
}

std::vector<double> TimeRuns(Session& s, int runs) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    s.Run();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  return ms;
}

// Runs ../shared/tools/peer-bench/run and returns ONNX Runtime's median, or an error.
Result<double> RunPeer(const BenchArgs& args) {
  if (args.input.empty()) {
    return Status::Error("cannot run the peer: --peer needs --input (the same bytes for both)");
  }
  const std::string cmd = "'" + args.peer_tool + "' '" + args.peer + "' '" + args.input + "' " +
                          std::to_string(args.threads) + " " + std::to_string(args.warmup) + " " +
                          std::to_string(args.runs) + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return Status::Error("cannot run " + args.peer_tool);
  std::string out;
  std::array<char, 512> buf;
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  const int rc = pclose(pipe);
  const size_t at = out.find("median=");
  if (rc != 0 || at == std::string::npos) {
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    const size_t nl = out.rfind('\n');
    return Status::Error("peer benchmark failed: " +
                         out.substr(nl == std::string::npos ? 0 : nl + 1));
  }
  return std::stod(out.substr(at + 7));
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int RunBench(const BenchArgs& args) {
  auto model_path = ResolveModelPath(args.model);
  if (!model_path.ok()) return Fail(model_path.status());
  auto model = Model::Load(*model_path);
  if (!model.ok()) return Fail(model.status());
  Options options;
  options.threads = args.threads;
  options.max_memory = args.max_memory;
  options.output_stride = args.output_stride;
  options.profile = !args.no_profile;
  options.row_fusion = !args.no_row_fusion;
  if (!args.input_size.empty()) {
    Status s = ParseSize(args.input_size, options.input_height, options.input_width);
    if (!s.ok()) return Fail(s);
  }
  if (args.runs < 1 || args.warmup < 0) return Fail("cannot bench: --runs must be >= 1");
  auto session = Session::Create(*model, options);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  Status filled = FillInput(args, s);
  if (!filled.ok()) return Fail(filled);

  TimeRuns(s, args.warmup);
  s.executor().ResetProfile();
  // Half our runs before the peer and half after, so drift on this shared machine hits both.
  std::vector<double> ms = TimeRuns(s, (args.runs + 1) / 2);
  Result<double> peer = Status::Error("no peer");
  if (!args.peer.empty()) {
    peer = RunPeer(args);
    if (!peer.ok()) return Fail(peer.status());
  }
  const std::vector<double> later = TimeRuns(s, args.runs / 2);
  ms.insert(ms.end(), later.begin(), later.end());
  const Stats st = Summarize(ms);
  const Executor& e = s.executor();
  const TensorInfo in = s.input_info();

  nlohmann::ordered_json doc;
  doc["model"] = *model_path;
  doc["input"] = {in.shape[1], in.shape[2]};
  doc["threads"] = args.threads;
  doc["runs"] = ms.size();
  doc["median_ms"] = st.median;
  doc["min_ms"] = st.min;
  doc["max_ms"] = st.max;
  doc["stddev_ms"] = st.stddev;
  doc["macs"] = e.total_macs();
  doc["arena_bytes"] = e.arena_bytes();
  doc["scratch_bytes"] = e.scratch_bytes();
  doc["peak_rss_kb"] = PeakRssKb();
  double profiled_total = 0;
  for (const OpProfile& p : e.profile()) profiled_total += p.total_ms;
  // The MACs behind each timed entry: a row-fused chain's time covers all its nodes.
  std::vector<int64_t> timed_macs(e.profile().size(), 0);
  for (const OpProfile& p : e.profile()) {
    timed_macs[p.fused_into >= 0 ? p.fused_into : p.node] += p.macs;
  }
  nlohmann::ordered_json ops = nlohmann::ordered_json::array();
  for (const OpProfile& p : e.profile()) {
    const double op_ms = p.runs ? p.total_ms / static_cast<double>(p.runs) : 0;
    const auto macs = static_cast<double>(timed_macs[p.node]);
    ops.push_back({{"node", p.node},
                   {"op", std::string(OpName(p.code))},
                   {"output", p.output_name},
                   {"shape", p.output_shape},
                   {"implementation", p.implementation},
                   {"fused_into", p.fused_into},
                   {"chain", p.chain},
                   {"ms", op_ms},
                   {"macs", p.macs},
                   {"gmacs_per_s", op_ms > 0 ? macs / op_ms / 1e6 : 0},
                   {"share", profiled_total > 0 ? p.total_ms / profiled_total : 0}});
  }
  if (!args.no_profile) doc["ops"] = ops;
  if (!args.peer.empty()) {
    doc["peer"] = {{"engine", "onnxruntime"},
                   {"model", args.peer},
                   {"median_ms", *peer},
                   {"speedup", *peer / st.median}};
  }
  if (args.json) {
    std::printf("%s\n", doc.dump(1).c_str());
    return 0;
  }
  std::printf("model %s, input %dx%d, threads %d, %zu runs (%d warm-up)\n",
              EscapeNonPrintable(*model_path).c_str(), in.shape[1], in.shape[2], args.threads,
              ms.size(), args.warmup);
  if (!args.no_profile) {
    std::printf("%4s %-18s %-20s %-12s %9s %10s %8s %6s\n", "node", "op", "output shape", "impl",
                "ms", "MMACs", "GMAC/s", "share");
    // A row-fused chain is timed as a whole: its first node carries the time, the others
    // name that node.
    for (const auto& op : ops) {
      const int node = op["node"].get<int>(), head = op["fused_into"].get<int>();
      std::string impl = op["implementation"].get<std::string>();
      if (head == node) impl += " [" + op["chain"].get<std::string>() + "]";
      if (head >= 0 && head != node) {
        std::printf("%4d %-18s %-20s %-12s %9s %10.1f %8s %6s\n", node,
                    op["op"].get<std::string>().c_str(),
                    ShapeToString(op["shape"].get<Shape>()).c_str(), impl.c_str(),
                    ("in " + std::to_string(head)).c_str(), op["macs"].get<double>() / 1e6, "", "");
        continue;
      }
      std::printf("%4d %-18s %-20s %-12s %9.3f %10.1f %8.1f %5.1f%%\n", node,
                  op["op"].get<std::string>().c_str(),
                  ShapeToString(op["shape"].get<Shape>()).c_str(), impl.c_str(),
                  op["ms"].get<double>(), op["macs"].get<double>() / 1e6,
                  op["gmacs_per_s"].get<double>(), 100 * op["share"].get<double>());
    }
  }
  std::printf("posenet median %.3f ms  min %.3f  max %.3f  stddev %.3f  (%.1f GMAC/s)\n", st.median,
              st.min, st.max, st.stddev, static_cast<double>(e.total_macs()) / st.median / 1e6);
  std::printf("arena %lld bytes, scratch %lld bytes, peak RSS %ld KiB\n",
              static_cast<long long>(e.arena_bytes()), static_cast<long long>(e.scratch_bytes()),
              PeakRssKb());
  if (!args.peer.empty()) {
    std::printf("onnxruntime median %.3f ms  ->  speedup (onnxruntime / posenet) %.2fx\n", *peer,
                *peer / st.median);
  }
  return 0;
}

}  // namespace

void RegisterBench(CLI::App& app, Runner& run) {
  auto a = std::make_shared<BenchArgs>();
  a->peer_tool = std::string(POSENET_SHARED_DIR) + "/tools/peer-bench/run";
  CLI::App* cmd =
      app.add_subcommand("bench", "Time the network, per op, optionally beside ONNX Runtime");
  cmd->add_option("--model", a->model, "The .tflite model (default as in detect)");
  cmd->add_option("--input", a->input,
                  "Raw HWC uint8 input of the model's size (default: seeded random bytes)");
  cmd->add_option("--threads", a->threads, "Threads")->capture_default_str();
  AddMaxMemoryFlag(cmd, a->max_memory);
  cmd->add_option("--input-size", a->input_size, "Input size HxW (default: the file's own)");
  cmd->add_option("--output-stride", a->output_stride, "8, 16 or 32 (default: the model's own)")
      ->check(CLI::IsMember({0, 8, 16, 32}));
  cmd->add_option("--warmup", a->warmup, "Untimed runs first")->capture_default_str();
  cmd->add_option("--runs", a->runs, "Timed runs")->capture_default_str();
  cmd->add_option("--input-mean", a->input_mean, "Float models: (p - mean) / std")
      ->capture_default_str();
  cmd->add_option("--input-std", a->input_std, "Float models: (p - mean) / std")
      ->capture_default_str();
  cmd->add_option("--peer", a->peer,
                  "Also time ONNX Runtime on this .onnx file with the same input and threads");
  cmd->add_option("--peer-tool", a->peer_tool, "The peer benchmark script")->capture_default_str();
  cmd->add_flag("--no-profile", a->no_profile, "Skip the per-op profile");
  cmd->add_flag("--no-row-fusion", a->no_row_fusion,
                "Run every layer whole (row-fused chains are the default; same results)");
  cmd->add_flag("--json", a->json, "Print the results as JSON");
  cmd->callback([a, &run] { run = [a] { return RunBench(*a); }; });
}

}  // namespace posenet::cli
