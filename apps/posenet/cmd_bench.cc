// posenet bench: times the network like TFLite's benchmark_model, with a per-op profile, and
// (with --peer) ONNX Runtime on the same input in the same invocation, for a fair ratio.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "base/file.h"
#include "base/median.h"
#include "base/printable.h"
#include "cli_common.h"
#include "commands.h"
#include "json_out.h"
#include "model_path.h"
#include "posenet/posenet.h"

namespace posenet::cli {
namespace {

struct BenchArgs {
  std::string model, input, input_size, peer, peer_tool;
  int threads = 1, warmup = 10, runs = 50, output_stride = 0, sessions = 1;
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
  const size_t n = v.size();
  s.median = Median(v);
  s.min = *std::min_element(v.begin(), v.end());
  s.max = *std::max_element(v.begin(), v.end());
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

// Resident memory now (Linux /proc/self/statm), or -1 when unknown.
long RssKb() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return -1;
  long size = 0, resident = -1;
  if (std::fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
  std::fclose(f);
  return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// Resident memory after loading the model, with one session and with all `sessions` (each run
// once, so its arena and scratch are touched).
struct SessionsRss {
  long model_kb = 0, one_kb = 0, all_kb = 0;
};

Result<SessionsRss> MeasureSessions(const BenchArgs& args,
                                    const std::shared_ptr<const Model>& model,
                                    const Options& options, long model_kb, Session& first) {
  SessionsRss rss;
  rss.model_kb = model_kb;
  first.Run();
  rss.one_kb = RssKb();
  std::vector<std::unique_ptr<Session>> more;
  for (int i = 1; i < args.sessions; ++i) {
    POSENET_ASSIGN_OR_RETURN(std::unique_ptr<Session> s, Session::Create(model, options));
    POSENET_RETURN_IF_ERROR(FillInput(args, *s));
    s->Run();
    more.push_back(std::move(s));
  }
  rss.all_kb = RssKb();
  return rss;
}

// One entry of the per-op profile with its figures per run.
struct OpRow {
  const OpTiming* timing;
  const OpInfo* op;
  const TensorInfo* output;
  double ms, gmacs_per_s, share;
};

void PrintJson(const std::string& model_path, const TensorInfo& in, const BenchArgs& args,
               size_t runs, const Stats& st, const NetworkInfo& net, const std::vector<OpRow>& ops,
               const SessionsRss& rss, const Result<double>& peer) {
  JsonOut j;
  j.BeginObject().Key("model").String(model_path);
  j.Key("input").Ints({in.shape[1], in.shape[2]}).Key("threads").Int(args.threads);
  j.Key("runs").Int(static_cast<int64_t>(runs));
  j.Key("median_ms").Number(st.median).Key("min_ms").Number(st.min);
  j.Key("max_ms").Number(st.max).Key("stddev_ms").Number(st.stddev);
  j.Key("macs").Int(net.macs).Key("arena_bytes").Int(net.arena_bytes);
  j.Key("scratch_bytes").Int(net.scratch_bytes).Key("peak_rss_kb").Int(PeakRssKb());
  j.Key("rss_kb").BeginObject().Key("model").Int(rss.model_kb).Key("one_session").Int(rss.one_kb);
  j.Key("sessions").Int(args.sessions).Key("all_sessions").Int(rss.all_kb).EndObject();
  if (!args.no_profile) {
    j.Key("ops").BeginArray();
    for (const OpRow& row : ops) {
      j.BeginObject().Key("node").Int(row.op->index).Key("op").String(row.op->name);
      j.Key("output").String(row.output->name).Key("shape").Ints(row.output->shape);
      j.Key("implementation").String(row.op->implementation);
      j.Key("fused_into").Int(row.timing->fused_into).Key("chain").String(row.timing->group);
      j.Key("ms").Number(row.ms).Key("macs").Int(row.op->macs);
      j.Key("gmacs_per_s").Number(row.gmacs_per_s).Key("share").Number(row.share).EndObject();
    }
    j.EndArray();
  }
  if (!args.peer.empty()) {
    j.Key("peer").BeginObject().Key("engine").String("onnxruntime").Key("model").String(args.peer);
    j.Key("median_ms").Number(*peer).Key("speedup").Number(*peer / st.median).EndObject();
  }
  j.EndObject();
  std::printf("%s\n", j.text().c_str());
}

int RunBench(BenchArgs args) {
  args.threads = ResolveThreads(args.threads);
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
  if (args.sessions < 1) return Fail("cannot bench: --sessions must be >= 1");
  const long model_kb = RssKb();
  auto session = Session::Create(*model, options);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  Status filled = FillInput(args, s);
  if (!filled.ok()) return Fail(filled);
  const Result<SessionsRss> rss = MeasureSessions(args, *model, options, model_kb, s);
  if (!rss.ok()) return Fail(rss.status());

  TimeRuns(s, args.warmup);
  s.ResetProfile();
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
  const NetworkInfo& net = s.network();
  const std::vector<OpTiming> profile = s.profile();
  const TensorInfo in = s.input_info();

  double profiled_total = 0;
  for (const OpTiming& t : profile) profiled_total += t.total_ms;
  // The MACs behind each timed entry: a row-fused chain's time covers all its ops.
  std::vector<int64_t> timed_macs(net.ops.size(), 0);
  for (const OpTiming& t : profile) {
    timed_macs[t.fused_into >= 0 ? t.fused_into : t.op] += net.ops[t.op].macs;
  }
  std::vector<OpRow> ops;
  for (const OpTiming& t : profile) {
    const OpInfo& op = net.ops[t.op];
    const double op_ms = t.runs ? t.total_ms / static_cast<double>(t.runs) : 0;
    const auto macs = static_cast<double>(timed_macs[t.op]);
    ops.push_back({&t, &op, &net.tensors[op.outputs[0]], op_ms, op_ms > 0 ? macs / op_ms / 1e6 : 0,
                   profiled_total > 0 ? t.total_ms / profiled_total : 0});
  }
  if (args.json) {
    PrintJson(*model_path, in, args, ms.size(), st, net, ops, *rss, peer);
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
    for (const OpRow& row : ops) {
      const int node = row.op->index, head = row.timing->fused_into;
      std::string impl = row.op->implementation;
      if (head == node) impl += " [" + row.timing->group + "]";
      const double mmacs = static_cast<double>(row.op->macs) / 1e6;
      if (head >= 0 && head != node) {
        std::printf("%4d %-18s %-20s %-12s %9s %10.1f %8s %6s\n", node, row.op->name.c_str(),
                    ShapeText(row.output->shape).c_str(), impl.c_str(),
                    ("in " + std::to_string(head)).c_str(), mmacs, "", "");
        continue;
      }
      std::printf("%4d %-18s %-20s %-12s %9.3f %10.1f %8.1f %5.1f%%\n", node, row.op->name.c_str(),
                  ShapeText(row.output->shape).c_str(), impl.c_str(), row.ms, mmacs,
                  row.gmacs_per_s, 100 * row.share);
    }
  }
  std::printf("posenet median %.3f ms  min %.3f  max %.3f  stddev %.3f  (%.1f GMAC/s)\n", st.median,
              st.min, st.max, st.stddev, static_cast<double>(net.macs) / st.median / 1e6);
  std::printf("arena %lld bytes, scratch %lld bytes, peak RSS %ld KiB\n",
              static_cast<long long>(net.arena_bytes), static_cast<long long>(net.scratch_bytes),
              PeakRssKb());
  if (args.sessions > 1) {
    const double per_session = (rss->all_kb - rss->one_kb) / 1024.0 / (args.sessions - 1);
    std::printf(
        "RSS %.1f MiB after loading the model, %.1f MiB with 1 session, %.1f MiB with %d: %.2f MiB "
        "per extra session (arena + scratch %.2f MiB)\n",
        rss->model_kb / 1024.0, rss->one_kb / 1024.0, rss->all_kb / 1024.0, args.sessions,
        per_session, static_cast<double>(net.arena_bytes + net.scratch_bytes) / (1 << 20));
  }
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
  AddMaxMemoryFlag(cmd, a->max_memory);
  cmd->add_option("--threads", a->threads, "Threads (0: all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  cmd->add_option("--input-size", a->input_size, "Input size HxW (default: the file's own)");
  cmd->add_option("--output-stride", a->output_stride, "8, 16 or 32 (default: the model's own)")
      ->check(CLI::IsMember({0, 8, 16, 32}));
  cmd->add_option("--warmup", a->warmup, "Untimed runs first")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--runs", a->runs, "Timed runs")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--sessions", a->sessions,
                  "Sessions of the model to create (each run once) before timing the first; "
                  "prints the resident memory each extra one adds")
      ->capture_default_str();
  cmd->add_option("--input-mean", a->input_mean, "Float models: (p - mean) / std")
      ->capture_default_str()
      ->check(CLI::Range(-1000.0, 1000.0));
  cmd->add_option("--input-std", a->input_std, "Float models: (p - mean) / std")
      ->capture_default_str()
      ->check(CLI::Range(1e-6, 1000.0));
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
