#include "pipeline/run_summary.h"

#include <cmath>
#include <cstdio>

#include "base/median.h"
#include "tracking/motion_stats.h"

namespace posenet {
namespace {

nlohmann::ordered_json Finite(double v) {
  if (!std::isfinite(v)) return nullptr;
  return v;
}

}  // namespace

RunSummary Summarize(const std::string& input, const PipelineReport& report, bool smoothing) {
  RunSummary s;
  s.input = input;
  s.frames = report.frames_done;
  s.frames_dropped = report.frames_dropped;
  s.seconds = report.seconds;
  s.frames_per_second = report.seconds > 0 ? static_cast<double>(s.frames) / report.seconds : 0;
  s.inference_ms_median = report.inference_ms.median();
  s.inference_ms_mean = report.inference_ms.mean();
  s.stage_ms_median = report.stage_ms.median();
  s.input_wait_seconds = report.input_wait_seconds;
  s.output_wait_seconds = report.output_wait_seconds;
  s.ids_seen = report.ids_seen;
  s.smoothing = smoothing;
  s.jitter_smoothed = report.jitter_smoothed;
  s.jitter_unsmoothed = report.jitter_unsmoothed;
  s.lag_frames = report.lag_frames;
  return s;
}

std::string SummaryText(const RunSummary& s) {
  char buf[1024];
  std::string out;
  std::snprintf(buf, sizeof(buf), "%s: %lld frames in %.2f s: %.2f frames/s end to end\n",
                s.input.c_str(), static_cast<long long>(s.frames), s.seconds, s.frames_per_second);
  out += buf;
  if (s.frames_dropped > 0) {
    std::snprintf(buf, sizeof(buf), "  dropped: %lld frames (latency low)\n",
                  static_cast<long long>(s.frames_dropped));
    out += buf;
  }
  const double bound = s.inference_ms_median > 0 ? 1000.0 / s.inference_ms_median : 0;
  std::snprintf(buf, sizeof(buf),
                "  inference: %.2f ms median, %.2f ms mean per frame (at most %.2f frames/s)\n",
                s.inference_ms_median, s.inference_ms_mean, bound);
  out += buf;
  std::snprintf(buf, sizeof(buf),
                "  inference stage (network, decode, track): %.2f ms median; waited %.2f s for "
                "frames, %.2f s for the outputs\n",
                s.stage_ms_median, s.input_wait_seconds, s.output_wait_seconds);
  out += buf;
  std::snprintf(buf, sizeof(buf), "  ids seen: %d\n", s.ids_seen);
  out += buf;
  std::snprintf(buf, sizeof(buf),
                "  jitter: %.3f px/frame^2 %s vs %.3f unsmoothed (%lld samples); lag %.2f "
                "frames\n",
                s.jitter_smoothed.mean_acceleration_px,
                s.smoothing ? "smoothed" : "(smoothing off)",
                s.jitter_unsmoothed.mean_acceleration_px,
                static_cast<long long>(s.jitter_smoothed.samples), s.lag_frames);
  out += buf;
  for (const DeliveryFigures& d : s.deliveries) {
    std::snprintf(buf, sizeof(buf),
                  "  %s: %lld messages, %lld dropped; frame to message %.2f ms median, %.2f ms "
                  "p99\n",
                  d.output.c_str(), static_cast<long long>(d.messages),
                  static_cast<long long>(d.dropped), d.latency_ms_median, d.latency_ms_p99);
    out += buf;
  }
  return out;
}

nlohmann::ordered_json SummaryJson(const RunSummary& s) {
  nlohmann::ordered_json deliveries = nlohmann::ordered_json::array();
  for (const DeliveryFigures& d : s.deliveries) {
    deliveries.push_back({{"output", d.output},
                          {"messages", d.messages},
                          {"dropped", d.dropped},
                          {"latency_ms_median", d.latency_ms_median},
                          {"latency_ms_p99", d.latency_ms_p99}});
  }
  return nlohmann::ordered_json{
      {"input", s.input},
      {"frames", s.frames},
      {"frames_dropped", s.frames_dropped},
      {"seconds", s.seconds},
      {"frames_per_second", s.frames_per_second},
      {"inference_ms_median", s.inference_ms_median},
      {"inference_ms_mean", s.inference_ms_mean},
      {"stage_ms_median", s.stage_ms_median},
      {"input_wait_seconds", s.input_wait_seconds},
      {"output_wait_seconds", s.output_wait_seconds},
      {"ids_seen", s.ids_seen},
      {"smoothing", s.smoothing},
      {"jitter_px", Finite(s.jitter_smoothed.mean_acceleration_px)},
      {"jitter_unsmoothed_px", Finite(s.jitter_unsmoothed.mean_acceleration_px)},
      {"jitter_samples", s.jitter_smoothed.samples},
      {"lag_frames", Finite(s.lag_frames)},
      {"outputs", deliveries},
  };
}

}  // namespace posenet
