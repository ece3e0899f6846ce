#include "video_run.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "base/output_file.h"
#include "base/printable.h"
#include "cli_common.h"
#include "io/audio_mux.h"
#include "io/capture_source.h"
#include "pipeline/analysis_sink.h"
#include "pipeline/model_info.h"
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
double VideoSeconds(const DrawSink& draw) {
  return static_cast<double>(draw.frames_written()) / draw.fps();
}

OpenPoseLayout ParseOpenPoseLayout(const VideoArgs& a) {
  return a.openpose_format == "coco18" ? OpenPoseLayout::kCoco18 : OpenPoseLayout::kBody25;
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

// --input-aspect auto: the frames' aspect for an analysis of a file, where the angles want the
// detail (docs/analysis.md) and no one waits for the next frame.
bool UsesPictureAspect(const VideoArgs& a, const std::string& input) {
  if (a.input_aspect != "auto") return a.input_aspect == "picture";
  return a.analyze && a.camera < 0 && !IsStreamUrl(input) && a.estimator.input_size.empty() &&
         a.estimator.input_resolution == 0;
}

struct InputOutcome {
  Status status;
  RunSummary summary;
  bool interrupted = false;
};

InputOutcome RunInput(const VideoArgs& a, const LoadedEstimator& loaded, LiveOutputs& live,
                      const std::string& input, const std::string& stem, size_t count) {
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
  // A model input shaped like this input's frames: its own estimator.
  Estimator* estimator = loaded.estimator.get();
  JsonModelInfo model_info = loaded.info;
  std::unique_ptr<Estimator> shaped;
  if (UsesPictureAspect(a, input) && info.width > 0 && info.height > 0) {
    auto e = EstimatorForPicture(loaded, info.height, info.width, a.estimator.input_resolution);
    if (!e.ok()) return fail(Status::Error(input + ": " + e.status().message()));
    shaped = std::move(e).value();
    estimator = shaped.get();
    model_info = ModelInfoOf(*estimator, loaded.model_path);
  }
  // No output may replace the video read here (or the model): refused before any frame.
  if (a.camera < 0 && !IsStreamUrl(input)) ProtectInputFile(input);
  const std::string draw_path = a.draw.empty() ? "" : OutputPath(a.draw, stem, ".mp4", count);
  for (const auto& [path, what] :
       {std::pair{
            a.jsonl == "-" || a.jsonl.empty() ? "" : OutputPath(a.jsonl, stem, ".jsonl", count),
            "JSONL"},
        std::pair{a.csv.empty() ? "" : OutputPath(a.csv, stem, ".csv", count), "CSV"},
        std::pair{draw_path, "video"}}) {
    if (Status s = path.empty() ? Status::Ok() : CheckOutputPath(path, what); !s.ok()) {
      return fail(s);
    }
  }
  AnalysisArgs outputs = a.analysis;  // --analyze: this input's report, CSV and JSON
  // Any output on stdout makes stdout data.
  outputs.summary_to_stderr = a.jsonl == "-" || a.csv == "-" || a.openpose_json == "-" ||
                              a.coco_json == "-" || a.stats_json == "-";
  for (auto [path, extension] :
       {std::pair{&outputs.report, ".html"}, std::pair{&outputs.csv, ".csv"},
        std::pair{&outputs.json, ".json"}}) {
    if (!path->empty()) *path = OutputPath(*path, stem, extension, count);
  }
  if (Status s = a.analyze ? CheckAnalysisOutputs(outputs) : Status::Ok(); !s.ok()) return fail(s);

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
    owned.push_back(std::make_unique<JsonlSink>(std::move(w).value(), info.name, model_info));
  }
  if (!a.csv.empty()) {
    auto w = CsvWriter::Open(OutputPath(a.csv, stem, ".csv", count), CsvSubject::kVideo,
                             a.csv_layout == "wide" ? CsvLayout::kWide : CsvLayout::kLong);
    if (!w.ok()) return fail(w.status());
    owned.push_back(std::make_unique<CsvSink>(std::move(w).value()));
  }
  if (!a.openpose_json.empty()) {
    const std::string folder = OutputPath(a.openpose_json, stem, "", count);
    if (folder != "-") {
      if (Status s = MakeFolder(folder); !s.ok()) return fail(s);
    }
    owned.push_back(std::make_unique<OpenPoseSink>(folder, stem, ParseOpenPoseLayout(a)));
  }
  if (!a.coco_json.empty()) {
    owned.push_back(std::make_unique<CocoSink>(OutputPath(a.coco_json, stem, ".json", count)));
  }
  DrawSink* draw = nullptr;
  if (!a.draw.empty()) {
    DrawOptions options;
    options.threshold = a.draw_threshold;
    auto sink = std::make_unique<DrawSink>(
        draw_path, info.fps, options,
        a.draw_codec == "h264" ? VideoFileWriter::Codec::kH264 : VideoFileWriter::Codec::kMpeg4,
        a.draw_fps);
    draw = sink.get();
    if (analysis != nullptr) {
      draw->SetOverlay([analysis](Image& image) { DrawLiveReadings(image, analysis->readings()); });
    }
    owned.push_back(std::move(sink));
  }
  if (Status s = live.AddSinks(info.name, model_info, owned); !s.ok()) return fail(s);
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
  options.tracker.drop_unconfirmed = a.unconfirmed == "hide";
  options.keep_tracks_for_stats = a.stats || !a.stats_json.empty();
  options.stop = &g_interrupted;
  ProgressLine progress(info.name, !a.quiet && ::isatty(STDERR_FILENO));
  options.progress = [&progress](const PipelineProgress& p) { progress.Update(p); };

  PipelineReport report = RunPipeline(source, *estimator, sinks, options);
  progress.Finish();
  outcome.interrupted = g_interrupted.load();

  // The silent video is final now; copy the input's audio into it.
  if (draw != nullptr && a.camera < 0 && draw->frames_written() > 0 && report.status.ok()) {
    if (Status s = MuxAudio(FindProgram("ffmpeg"), draw_path, input, VideoSeconds(*draw));
        !s.ok()) {
      // A full disk is an error; an audio stream ffmpeg cannot copy leaves a silent video.
      if (s.message().find("no space left on device") != std::string::npos && report.status.ok()) {
        report.status = s;
      } else {
        std::fprintf(stderr, "posenet: warning: %s\n", EscapeNonPrintable(s.message()).c_str());
      }
    }
  }
  if (analysis != nullptr && report.status.ok()) {
    const bool file = a.camera < 0 && !IsStreamUrl(input);
    if (RunAnalysis(outputs, analysis->frames(), info.name, file ? input : "") != 0) {
      outcome.status = Status::Error(input + ": analysis outputs not written");
    }
  }
  outcome.summary = Summarize(info.name, report, options.tracker.smoothing);
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
  cmd->add_option("--input-aspect", a.input_aspect,
                  "model: the model file's input aspect; picture: each input's frame aspect, "
                  "longer side the frame's (at most 1281) or --input-resolution; auto: picture "
                  "for --analyze on files, else model")
      ->check(CLI::IsMember({"auto", "model", "picture"}))
      ->capture_default_str();
  cmd->add_option("--jsonl", a.jsonl,
                  "Write one JSON line per frame to FILE ('-': stdout; a folder for several "
                  "inputs)");
  cmd->add_option("--csv", a.csv,
                  "Write CSV to FILE ('-': stdout): a row per frame, person and keypoint, or "
                  "per frame and person with --csv-layout wide");
  cmd->add_option("--csv-layout", a.csv_layout, "long or wide (docs/video.md)")
      ->check(CLI::IsMember({"long", "wide"}))
      ->capture_default_str();
  cmd->add_option("--openpose-json", a.openpose_json,
                  "Write one OpenPose JSON file per frame into DIR ('-': one per line on stdout)");
  cmd->add_option("--openpose-format", a.openpose_format,
                  "OpenPose body layout: body25 (OpenPose's default) or coco18")
      ->check(CLI::IsMember({"body25", "coco18"}))
      ->capture_default_str();
  cmd->add_option("--coco-json", a.coco_json,
                  "Write COCO keypoint results to FILE ('-': stdout), image_id = frame index");
  cmd->add_option("--draw", a.draw,
                  "Write the video with skeletons (a colour per id) to FILE.mp4, with the "
                  "input's audio");
  cmd->add_option("--draw-threshold", a.draw_threshold, "Draw keypoints scoring at least this")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--draw-codec", a.draw_codec,
                  "h264 (plays in browsers; MPEG-4 part 2 when FFmpeg has no H.264 encoder) or "
                  "mpeg4 (several times faster to encode)")
      ->check(CLI::IsMember({"mpeg4", "h264"}))
      ->capture_default_str();
  cmd->add_flag("--draw-fps", a.draw_fps,
                "Write each frame's inference time and frames/s in the drawn video's corner");
  cmd->add_option("--max-frames", a.max_frames, "Stop after N frames")
      ->check(CLI::Range(int64_t{0}, std::numeric_limits<int64_t>::max()));
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
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--max-age", a.tracking.max_age_frames,
                  "Frames a person may go unseen and keep their id")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--min-similarity", a.tracking.min_similarity,
                  "Least OKS or IoU for a detection to continue a track")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--min-hits", a.tracking.min_hits,
                  "Frames in a row a person must be seen before getting an id")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--unconfirmed", a.unconfirmed,
                  "Poses of people not yet seen --min-hits frames in a row: hide, or show "
                  "without an id")
      ->check(CLI::IsMember({"hide", "show"}))
      ->capture_default_str();
  cmd->add_flag("--no-smoothing", a.no_smoothing, "Keep raw keypoints (no One Euro filter)");
  cmd->add_option("--smoothing-min-cutoff", a.tracking.smoothing_params.min_cutoff,
                  "One Euro minimum cutoff in Hz (lower: smoother when still)")
      ->capture_default_str()
      ->check(CLI::Range(1e-6, 1000.0));
  cmd->add_option("--smoothing-beta", a.tracking.smoothing_params.beta,
                  "One Euro speed coefficient (higher: less lag when moving)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1000.0));
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
  if (a.camera < 0 && a.inputs.empty()) {
    return Fail("no input: give video files, URLs or --camera N");
  }
  // An analysis output asks for the analysis.
  a.analyze = a.analyze || !a.analysis.report.empty() || !a.analysis.csv.empty() ||
              !a.analysis.json.empty();
  const size_t count = a.camera >= 0 ? 1 : a.inputs.size();
  if (a.camera >= 0) a.inputs = {"camera " + std::to_string(a.camera)};
  if (!a.draw.empty() && FindProgram("ffmpeg").empty()) {
    return Fail(
        "cannot write --draw videos: the ffmpeg program is not installed (it encodes them)");
  }
  const std::vector<std::pair<const char*, const std::string*>> outputs = {
      {"--jsonl", &a.jsonl},         {"--csv", &a.csv},   {"--openpose-json", &a.openpose_json},
      {"--coco-json", &a.coco_json}, {"--draw", &a.draw}, {"--stats-json", &a.stats_json}};
  for (const std::string* analysis : {&a.analysis.report, &a.analysis.csv, &a.analysis.json}) {
    if (analysis->empty()) continue;
    Status s = count > 1 ? MakeFolder(*analysis) : CheckOutputFolder(*analysis);
    if (!s.ok()) return Fail(s);
  }
  if (Status s = CheckStdoutOutputs(outputs); !s.ok()) return Fail(s);
  if (a.draw == "-") return Fail("--draw -: a video cannot be drawn to stdout; give FILE.mp4");
  for (const auto& [flag, path] : outputs) {
    if (path->empty()) continue;
    if (count > 1 && path != &a.stats_json) {
      // Several inputs: these name folders, created if needed.
      if (*path == "-") return Fail(std::string(flag) + " - takes one input");
      if (path == &a.openpose_json) continue;  // one subfolder per input, made per input
      if (Status s = MakeFolder(*path); !s.ok()) return Fail(s);
    } else if (path != &a.openpose_json) {
      if (Status s = CheckOutputFolder(*path); !s.ok()) return Fail(s);
    }
  }
  if (a.input_aspect == "picture" && !a.estimator.input_size.empty()) {
    return Fail("use --input-size or --input-aspect picture, not both");
  }
  auto loaded = LoadEstimator(a.estimator);
  if (!loaded.ok()) return Fail(loaded.status());
  if (!a.draw.empty() && (loaded->options.model_space || loaded->options.flip_horizontal)) {
    return Fail("cannot draw with --keypoint-space model or --flip-horizontal");
  }
  if (!a.coco_json.empty() && (loaded->options.model_space || loaded->options.flip_horizontal)) {
    return Fail("cannot write COCO results with --keypoint-space model or --flip-horizontal");
  }
  InstallInterruptHandlers();
  auto live = LiveOutputs::Open(a.live, a.server, a.metrics);
  if (!live.ok()) return Fail(live.status());

  // With an output on stdout, stdout is data: the figures go to stderr then.
  std::FILE* figures = UsesStdout(outputs) ? stderr : stdout;
  nlohmann::ordered_json stats = nlohmann::ordered_json::array();
  int failed = 0;
  bool interrupted = false;
  const std::vector<std::string> stems = OutputStems(a);
  for (size_t i = 0; i < a.inputs.size() && !interrupted; ++i) {
    const std::string& input = a.inputs[i];
    InputOutcome outcome = RunInput(a, *loaded, **live, input, stems[i], count);
    if (!outcome.summary.input.empty()) {
      if (a.stats) std::fputs(SummaryText(outcome.summary).c_str(), figures);
      stats.push_back(SummaryJson(outcome.summary));
    }
    if (!outcome.status.ok()) {
      // Reported, and the other inputs still run.
      ++failed;
      (void)Fail(outcome.status);
      if (outcome.summary.input.empty()) {
        stats.push_back({{"input", input}, {"error", outcome.status.message()}});
      } else {
        stats.back()["error"] = outcome.status.message();
      }
    }
    if (outcome.interrupted) {
      interrupted = true;
      // Ctrl-C is how a live run ends; a file run was cut short.
      if (a.camera < 0 && !IsStreamUrl(input) && failed == 0) failed = -1;
    }
  }
  std::fflush(stdout);
  int exit_code = failed < 0 ? 130 : failed == 0 ? 0 : count == 1 ? 1 : kSomeInputsFailed;
  if (!a.stats_json.empty()) {
    const std::string text = (count == 1 && stats.size() == 1 ? stats[0] : stats).dump(2) + "\n";
    if (Status s = WriteTextFile(a.stats_json, text); !s.ok() && exit_code == 0) {
      exit_code = Fail(s);
    }
  }
  return exit_code;
}

}  // namespace posenet::cli
