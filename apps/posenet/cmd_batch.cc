// posenet batch MANIFEST --out DIR [--shard I/N]: every video of a manifest (or of one shard of
// it) to DIR/<stem>.jsonl, the lines `posenet video --jsonl` writes. Outputs appear whole or not
// at all (written under a temporary name, renamed when complete), finished outputs are skipped,
// so a job that was killed or failed is simply run again; a video that fails is reported and the
// others go on. Exit code 0, or 2 when some videos failed (1: nothing could start).
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "batch_manifest.h"
#include "cli_common.h"
#include "commands.h"
#include "estimator_flags.h"
#include "io/capture_source.h"
#include "pipeline/output_sinks.h"
#include "pipeline/video_pipeline.h"

namespace posenet::cli {
namespace {

namespace fs = std::filesystem;

std::atomic<bool> g_stop{false};
extern "C" void OnBatchSignal(int) { g_stop.store(true); }

struct BatchArgs {
  std::string manifest, out, shard = "0/1";
  EstimatorFlags estimator;
  std::string tracker = "oks";
  bool no_smoothing = false, quiet = false;
  int64_t max_frames = -1;
};

// A temporary name beside the output, unique per process and machine (outputs may live on a
// shared file system), hidden and ending in ".part" so that nothing mistakes it for a result.
std::string TemporaryPath(const fs::path& output) {
  char host[256] = "host";
  gethostname(host, sizeof(host) - 1);
  host[sizeof(host) - 1] = '\0';
  return (output.parent_path() / ("." + output.filename().string() + "." + host + "-" +
                                  std::to_string(getpid()) + ".part"))
      .string();
}

enum class Outcome { kDone, kFailed, kStopped };

Outcome RunOne(const BatchArgs& a, LoadedEstimator& loaded, const BatchEntry& entry,
               const fs::path& output) {
  auto failed = [&](const Status& s) {
    std::fprintf(stderr, "posenet: %s\n", s.message().c_str());
    return Outcome::kFailed;
  };
  Result<std::unique_ptr<FrameSource>> source =
      IsStreamUrl(entry.input) ? OpenStream(entry.input) : OpenVideoFile(entry.input);
  if (!source.ok()) return failed(source.status());
  const std::string temporary = TemporaryPath(output);
  auto writer = JsonlWriter::Open(temporary);
  if (!writer.ok()) return failed(writer.status());
  JsonlSink sink(std::move(writer).value(), (*source)->info().name, loaded.info);

  PipelineOptions options;
  options.tracker.similarity =
      a.tracker == "iou" ? TrackSimilarity::kBoxIou : TrackSimilarity::kOks;
  options.tracker.smoothing = !a.no_smoothing;
  options.stop = &g_stop;
  options.max_frames = a.max_frames;
  const PipelineReport report = RunPipeline(**source, *loaded.estimator, {&sink}, options);
  std::error_code ec;
  if (!report.status.ok() || g_stop.load()) {
    fs::remove(temporary, ec);
    return report.status.ok() ? Outcome::kStopped : failed(report.status);
  }
  fs::rename(temporary, output, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return failed(Status::Error(output.string() + ": cannot write JSONL: " + ec.message()));
  }
  if (!a.quiet) {
    std::fprintf(stderr, "posenet batch: %s: %lld frames -> %s\n", entry.input.c_str(),
                 static_cast<long long>(report.frames_done), output.string().c_str());
  }
  return Outcome::kDone;
}

int RunBatch(const BatchArgs& a) {
  auto shard = ParseShard(a.shard);
  if (!shard.ok()) return Fail(shard.status());
  auto entries = ReadManifest(a.manifest);
  if (!entries.ok()) return Fail(entries.status());
  std::error_code ec;
  fs::create_directories(a.out, ec);
  if (ec) return Fail(a.out + ": cannot create folder: " + ec.message());
  auto loaded = LoadEstimator(a.estimator);
  if (!loaded.ok()) return Fail(loaded.status());
  std::signal(SIGINT, OnBatchSignal);
  std::signal(SIGTERM, OnBatchSignal);

  int done = 0, skipped = 0, failed = 0;
  for (const BatchEntry& entry : EntriesOfShard(*entries, *shard)) {
    const fs::path output = fs::path(a.out) / entry.output;
    if (fs::exists(output, ec)) {  // finished by an earlier run
      ++skipped;
      continue;
    }
    const Outcome outcome = RunOne(a, *loaded, entry, output);
    if (outcome == Outcome::kStopped) {
      std::fprintf(stderr, "posenet batch: stopped; run again to continue\n");
      return 130;
    }
    ++(outcome == Outcome::kDone ? done : failed);
  }
  std::fprintf(stderr, "posenet batch: shard %s: %d done, %d skipped (already done), %d failed\n",
               a.shard.c_str(), done, skipped, failed);
  return failed > 0 ? 2 : 0;
}

}  // namespace

void RegisterBatch(CLI::App& app, Runner& run) {
  auto a = std::make_shared<BatchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "batch",
      "Track people through every video listed in a manifest (or one shard of it), one JSONL "
      "file per video; resumable");
  cmd->add_option("manifest", a->manifest,
                  "A text file: one video path or URL per line ('#' comments, blank lines "
                  "ignored)")
      ->required();
  cmd->add_option("--out", a->out, "Folder for the outputs: <video name>.jsonl")->required();
  cmd->add_option("--shard", a->shard,
                  "Process only shard I of N (0-based; manifest line k belongs to shard k mod N)")
      ->capture_default_str();
  AddEstimatorFlags(cmd, a->estimator);
  cmd->add_option("--tracker", a->tracker, "Match people across frames by oks or iou")
      ->check(CLI::IsMember({"oks", "iou"}))
      ->capture_default_str();
  cmd->add_flag("--no-smoothing", a->no_smoothing, "Keep raw keypoints (no One Euro filter)");
  cmd->add_option("--max-frames", a->max_frames, "Only the first N frames of each video (trials)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--quiet", a->quiet, "Report only failures and the final count");
  cmd->callback([a, &run] { run = [a] { return RunBatch(*a); }; });
}

}  // namespace posenet::cli
