// The figures `posenet video --stats` prints: frames, seconds, end-to-end frames/s,
// inference milliseconds per frame (median and mean), ids seen, and the jitter of the
// smoothed tracks against the same detections tracked without smoothing, with the lag
// smoothing costs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/video_pipeline.h"
#include "tracking/motion_stats.h"

namespace posenet {

// A live output (OSC, WebSocket): messages sent, messages dropped for slow receivers, and the
// time from a frame's arrival from its source to its message leaving.
struct DeliveryFigures {
  std::string output;  // e.g. "osc 127.0.0.1:9000", "websocket"
  int64_t messages = 0, dropped = 0;
  double latency_ms_median = 0, latency_ms_p99 = 0;
};

struct RunSummary {
  std::string input;
  int64_t frames = 0;  // processed and written
  int64_t frames_dropped = 0;
  double seconds = 0;
  double frames_per_second = 0;  // end to end: frames / seconds
  double inference_ms_median = 0, inference_ms_mean = 0;
  double stage_ms_median = 0;  // inference stage: network, decode, track
  double input_wait_seconds = 0, output_wait_seconds = 0;  // see PipelineReport
  int ids_seen = 0;
  bool smoothing = false;
  MotionStats jitter_smoothed, jitter_unsmoothed;  // px/frame^2, see tracking/motion_stats.h
  double lag_frames = 0;                           // NaN when not measurable
  std::vector<DeliveryFigures> deliveries;         // filled by the live outputs' owner
};

// The medians are those of RunningMedian (within 0.05 %).
RunSummary Summarize(const std::string& input, const PipelineReport& report, bool smoothing);

// Several lines for a person to read.
std::string SummaryText(const RunSummary& s);
nlohmann::ordered_json SummaryJson(const RunSummary& s);

}  // namespace posenet
