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
  // model: the model file's input aspect; picture: each input's frame aspect (longer side the
  // frame's, at most 1281, or --input-resolution); auto: picture for --analyze on files.
  std::string input_aspect = "auto";
  std::string jsonl, csv, openpose_json, coco_json, draw;
  std::string csv_layout = "long", openpose_format = "body25";
  float draw_threshold = 0.3f;
  std::string draw_codec = "h264";
  bool draw_fps = false;
  int64_t max_frames = -1;
  std::string latency = "auto";
  std::string tracker = "oks";
  std::string unconfirmed = "hide";
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

// Runs every input in turn; a failing input is reported and the others still run. The exit
// code: 0, 1 (the one input failed, or nothing could start), kSomeInputsFailed (several
// inputs, some failed), 130 (a file run cut short by Ctrl-C).
int RunVideo(VideoArgs args);

}  // namespace posenet::cli
