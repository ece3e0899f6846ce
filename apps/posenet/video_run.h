// What `posenet video` and `posenet camera` share: their options and the run over each
// input (open the source, build the sinks, run the pipeline, copy the audio, report).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "analysis_outputs.h"
#include "estimator_flags.h"
#include "live_options.h"
#include "tracking/pose_tracker.h"

namespace posenet::cli {

struct VideoArgs {
  std::vector<std::string> inputs;  // files or stream URLs
  int camera = -1;                  // a V4L2 camera index instead of inputs
  EstimatorFlags estimator;
  std::string jsonl, csv, openpose_json, draw;
  float draw_threshold = 0.3f;
  std::string draw_codec = "mpeg4";
  int64_t max_frames = -1;
  std::string latency = "auto";
  std::string tracker = "oks";
  TrackerOptions tracking;
  bool no_smoothing = false;
  bool quiet = false, stats = false;
  std::string stats_json;
  bool analyze = false;  // movement analysis of each input (analysis_outputs.h)
  AnalysisArgs analysis;
  LiveArgs live;
  // `posenet serve`: its server (the WebSocket sink publishes there) and metrics.
  LiveServer* server = nullptr;
  std::shared_ptr<Metrics> metrics;
};

// The options after the inputs, shared by video, camera and serve (`serve` has its own
// server, so no --websocket).
void AddVideoOptions(CLI::App* cmd, VideoArgs& args, bool websocket_option = true);

// Ctrl-C and SIGTERM set this flag (from InstallInterruptHandlers on).
void InstallInterruptHandlers();
bool Interrupted();

// Runs every input in turn; the exit code (0, or 1 after the first failing input's error).
int RunVideo(VideoArgs args);

}  // namespace posenet::cli
