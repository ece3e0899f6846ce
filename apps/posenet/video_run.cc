#include "video_run.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "io/audio_mux.h"
#include "io/capture_source.h"
#include "pipeline/analysis_sink.h"
#include "pipeline/output_sinks.h"
#include "pipeline/run_summary.h"
#include "pipeline/video_pipeline.h"
#include "progress_line.h"

namespace posenet::cli {
namespace {

namespace fs = std::filesystem;

std::atomic<bool> g_interrupted{false};

extern "C" void OnInterrupt(int) { g_interrupted.store(true); }

// Where an output of input `stem` goes: the path itself for one input, else
// <path>/<stem><extension> (the path is then a folder).
std::string OutputPath(const std::string& path, const std::string& stem,
                       const std::string& extension, size_t inputs) {
  if (inputs <= 1) return path;
  return (fs::path(path) / (stem + extension)).string();
}

Status MakeFolder(const std::string& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return Status::Error(folder + ": cannot create folder: " + ec.message());
  return Status::Ok();
}

// Duration of the drawn video: the audio copied into it is cut to this.
double VideoSeconds(const DrawSink& draw, double fps) {
  return static_cast<double>(draw.frames_written()) / (fps > 0 ? fps : 25.0);
}

// Output names per input: the file name without extension ("camera0" for a camera), with
// "_2", "_3" ... added when two inputs share one, so their outputs never overwrite each other.
std::vector<std::string> OutputStems(const VideoArgs& a) {
  std::vector<std::string> stems;
  std::map<std::string, int> seen;
  for (const std::string& input : a.inputs) {
    std::string stem =
        a.camera >= 0 ? "camera" + std::to_string(a.camera) : fs::path(input).stem().string();
    if (stem.empty()) stem = "stream";
    const int n = ++seen[stem];
    stems.push_back(n == 1 ? stem : stem + "_" + std::to_string(n));
  }
  return stems;
}

struct InputOutcome {
  Status status;
  RunSummary summary;
  bool interrupted = false;
};

InputOutcome RunInput(const VideoArgs& a, const LoadedEstimator& loaded, LiveOutputs& live,
                      const std::string& input, const std::string& stem, size_t count,
                      bool& warned_no_ffmpeg) {
  InputOutcome outcome;
  auto fail = [&](Status s) {
    outcome.status = std::move(s);
    return outcome;
  };
  Result<std::unique_ptr<FrameSource>> opened = a.camera >= 0        ? OpenCamera(a.camera)
                                                : IsStreamUrl(input) ? OpenStream(input)
                                                                     : OpenVideoFile(input);
  if (!opened.ok()) return fail(opened.status());
  FrameSource& source = **opened;
  const SourceInfo& info = source.info();

  std::vector<std::unique_ptr<FrameSink>> owned;
  // First, so that the drawn video shows the readings of the frame it draws.
  AnalysisSink* analysis = nullptr;
  if (a.analyze) {
    auto sink =
        std::make_unique<AnalysisSink>(ParseExercise(a.analysis.exercise), a.analysis.min_score);
    analysis = sink.get();
    owned.push_back(std::move(sink));
  }
  if (!a.jsonl.empty()) {
    auto w = JsonlWriter::Open(OutputPath(a.jsonl, stem, ".jsonl", count));
    if (!w.ok()) return fail(w.status());
    owned.push_back(std::make_unique<JsonlSink>(std::move(w).value(), info.name, loaded.info));
  }
  if (!a.csv.empty()) {
    auto w = CsvWriter::Open(OutputPath(a.csv, stem, ".csv", count));
    if (!w.ok()) return fail(w.status());
    owned.push_back(std::make_unique<CsvSink>(std::move(w).value()));
  }
  if (!a.openpose_json.empty()) {
    const std::string folder = OutputPath(a.openpose_json, stem, "", count);
    if (Status s = MakeFolder(folder); !s.ok()) return fail(s);
    owned.push_back(std::make_unique<OpenPoseSink>(folder, stem));
  }
  DrawSink* draw = nullptr;
  const std::string draw_path = a.draw.empty() ? "" : OutputPath(a.draw, stem, ".mp4", count);
  if (!a.draw.empty()) {
    DrawOptions options;
    options.threshold = a.draw_threshold;
    auto sink = std::make_unique<DrawSink>(
        draw_path, info.fps, options,
        a.draw_codec == "h264" ? VideoFileWriter::Codec::kH264 : VideoFileWriter::Codec::kMpeg4);
    draw = sink.get();
    if (analysis != nullptr) {
      draw->SetOverlay([analysis](Image& image) { DrawLiveReadings(image, analysis->readings()); });
    }
    owned.push_back(std::move(sink));
  }
  if (Status s = live.AddSinks(info.name, loaded.info, owned); !s.ok()) return fail(s);
  std::vector<FrameSink*> sinks;
  for (auto& s : owned) sinks.push_back(s.get());
  if (!live.WaitForClient(&g_interrupted)) {
    outcome.summary.input = info.name;
    outcome.interrupted = true;
    return outcome;
  }

  PipelineOptions options;
  options.drop_oldest = a.latency == "low" || (a.latency == "auto" && info.live);
  options.queue_capacity = options.drop_oldest ? 1 : 4;
  options.max_frames = a.max_frames;
  options.tracker = a.tracking;
  options.tracker.similarity =
      a.tracker == "iou" ? TrackSimilarity::kBoxIou : TrackSimilarity::kOks;
  options.tracker.smoothing = !a.no_smoothing;
  options.keep_tracks_for_stats = a.stats || !a.stats_json.empty();
  options.stop = &g_interrupted;
  ProgressLine progress(info.name, !a.quiet && ::isatty(STDERR_FILENO));
  options.progress = [&progress](const PipelineProgress& p) { progress.Update(p); };

  PipelineReport report = RunPipeline(source, *loaded.estimator, sinks, options);
  progress.Finish();
  outcome.interrupted = g_interrupted.load();

  // The silent video is final now; copy the input's audio into it.
  if (draw != nullptr && a.camera < 0 && draw->frames_written() > 0) {
    const std::string ffmpeg = FindProgram("ffmpeg");
    if (ffmpeg.empty()) {
      if (!warned_no_ffmpeg) {
        std::fprintf(stderr, "posenet: warning: ffmpeg not found: %s has no audio\n",
                     draw_path.c_str());
      }
      warned_no_ffmpeg = true;
    } else if (Status s = MuxAudio(ffmpeg, draw_path, input, VideoSeconds(*draw, info.fps));
               !s.ok()) {
      std::fprintf(stderr, "posenet: warning: %s\n", s.message().c_str());
    }
  }
  if (analysis != nullptr && report.status.ok()) {
    AnalysisArgs outputs = a.analysis;
    outputs.summary_to_stderr = a.jsonl == "-";
    for (auto [path, extension] :
         {std::pair{&outputs.report, ".html"}, std::pair{&outputs.csv, ".csv"},
          std::pair{&outputs.json, ".json"}}) {
      if (!path->empty()) *path = OutputPath(*path, stem, extension, count);
    }
    const bool file = a.camera < 0 && !IsStreamUrl(input);
    if (RunAnalysis(outputs, analysis->frames(), info.name, file ? input : "") != 0) {
      outcome.status = Status::Error(input + ": analysis outputs not written");
    }
  }
  outcome.summary =
      Summarize(info.name, report, options.tracker.smoothing, options.tracker.min_keypoint_score);
  live.AddFigures(outcome.summary);
  if (outcome.status.ok()) outcome.status = report.status;
  return outcome;
}

}  // namespace

void InstallInterruptHandlers() {
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
}

bool Interrupted() { return g_interrupted.load(); }

void AddVideoOptions(CLI::App* cmd, VideoArgs& a, bool websocket_option) {
  AddEstimatorFlags(cmd, a.estimator);
  AddLiveOptions(cmd, a.live);
  if (websocket_option) AddWebSocketOption(cmd, a.live);
  const TrackerOptions defaults;
  cmd->add_option("--jsonl", a.jsonl,
                  "Write one JSON line per frame to FILE ('-': stdout; a folder for several "
                  "inputs)");
  cmd->add_option("--csv", a.csv, "Write one CSV row per frame, person and keypoint to FILE");
  cmd->add_option("--openpose-json", a.openpose_json,
                  "Write one OpenPose 1.3 JSON file per frame into DIR");
  cmd->add_option("--draw", a.draw,
                  "Write the video with skeletons (a colour per id) to FILE.mp4, with the "
                  "input's audio");
  cmd->add_option("--draw-threshold", a.draw_threshold, "Draw keypoints scoring at least this")
      ->capture_default_str();
  cmd->add_option("--draw-codec", a.draw_codec,
                  "mpeg4 (fast to encode) or h264 (plays in browsers, ~10x slower to encode)")
      ->check(CLI::IsMember({"mpeg4", "h264"}))
      ->capture_default_str();
  cmd->add_option("--max-frames", a.max_frames, "Stop after N frames")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--latency", a.latency,
                  "low: drop the oldest waiting frame when inference falls behind; full: "
                  "process every frame; auto: low for cameras and streams, full for files")
      ->check(CLI::IsMember({"auto", "low", "full"}))
      ->capture_default_str();
  cmd->add_option("--tracker", a.tracker, "Match people across frames by oks or iou")
      ->check(CLI::IsMember({"oks", "iou"}))
      ->capture_default_str();
  a.tracking = defaults;
  cmd->add_option("--max-tracks", a.tracking.max_tracks, "People tracked at once at most")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-age", a.tracking.max_age_frames,
                  "Frames a person may go unseen and keep their id")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--min-similarity", a.tracking.min_similarity,
                  "Least OKS or IoU for a detection to continue a track")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--no-smoothing", a.no_smoothing, "Keep raw keypoints (no One Euro filter)");
  cmd->add_option("--smoothing-min-cutoff", a.tracking.smoothing_params.min_cutoff,
                  "One Euro minimum cutoff in Hz (lower: smoother when still)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--smoothing-beta", a.tracking.smoothing_params.beta,
                  "One Euro speed coefficient (higher: less lag when moving)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--quiet", a.quiet, "No progress line on stderr");
  cmd->add_flag("--stats", a.stats,
                "Print frames/s, inference ms, ids, jitter and lag at the end (stdout)");
  cmd->add_option("--stats-json", a.stats_json, "Write those figures as JSON to FILE");
  cmd->add_flag("--analyze", a.analyze,
                "Movement analysis: joint angles, repetitions, gait (docs/analysis.md); with "
                "--draw the video shows each person's count and angle");
  AddAnalysisOptions(cmd, a.analysis, "--angles-csv", "--summary-json");
}

int RunVideo(VideoArgs a) {
  if (a.camera >= 0 && !a.inputs.empty()) return Fail("give input files or --camera, not both");
  if (a.camera < 0 && a.inputs.empty())
    return Fail("no input: give video files, URLs or --camera N");
  // An analysis output asks for the analysis.
  a.analyze = a.analyze || !a.analysis.report.empty() || !a.analysis.csv.empty() ||
              !a.analysis.json.empty();
  const size_t count = a.camera >= 0 ? 1 : a.inputs.size();
  if (a.camera >= 0) a.inputs = {"camera " + std::to_string(a.camera)};
  if (count > 1) {
    for (const std::string* folder :
         {&a.jsonl, &a.csv, &a.draw, &a.analysis.report, &a.analysis.csv, &a.analysis.json}) {
      if (folder->empty()) continue;
      if (*folder == "-") return Fail("--jsonl - takes one input");
      if (Status s = MakeFolder(*folder); !s.ok()) return Fail(s);
    }
  }
  auto loaded = LoadEstimator(a.estimator);
  if (!loaded.ok()) return Fail(loaded.status());
  if (!a.draw.empty() && (loaded->options.model_space || loaded->options.flip_horizontal)) {
    return Fail("cannot draw with --keypoint-space model or --flip-horizontal");
  }
  InstallInterruptHandlers();
  auto live = LiveOutputs::Open(a.live, a.server, a.metrics);
  if (!live.ok()) return Fail(live.status());

  bool warned_no_ffmpeg = false;
  nlohmann::ordered_json stats = nlohmann::ordered_json::array();
  int exit_code = 0;
  const std::vector<std::string> stems = OutputStems(a);
  for (size_t i = 0; i < a.inputs.size(); ++i) {
    const std::string& input = a.inputs[i];
    InputOutcome outcome = RunInput(a, *loaded, **live, input, stems[i], count, warned_no_ffmpeg);
    if (outcome.summary.input.empty()) {  // the input never opened: no figures
      exit_code = Fail(outcome.status);
      break;
    }
    // With --jsonl - stdout is data: the figures go to stderr then.
    if (a.stats) std::fputs(SummaryText(outcome.summary).c_str(), a.jsonl == "-" ? stderr : stdout);
    stats.push_back(SummaryJson(outcome.summary));
    if (!outcome.status.ok()) {
      exit_code = Fail(outcome.status);
      break;
    }
    if (outcome.interrupted) {
      // Ctrl-C is how a live run ends; a file run was cut short.
      if (a.camera < 0 && !IsStreamUrl(input)) exit_code = 130;
      break;
    }
  }
  std::fflush(stdout);
  if (!a.stats_json.empty()) {
    const std::string text = (count == 1 && stats.size() == 1 ? stats[0] : stats).dump(2) + "\n";
    if (Status s = WriteTextFile(a.stats_json, text); !s.ok() && exit_code == 0) {
      exit_code = Fail(s);
    }
  }
  return exit_code;
}

}  // namespace posenet::cli
