// Each frame's poses as OSC messages over UDP (liblo), for creative tools (TouchDesigner, Max,
// Processing, openFrameworks, Unity) to route without code. One bundle per frame (timetag
// "immediately"), holding, with P an optional prefix:
//   P/frame                 int frame, float timestamp_ms, int people, int width, int height
//   P/people                int id ... (the ids of this frame's people, best first)
//   P/pose/<id>             float score, float x0, float y0, float x1, float y1 (the box)
//   P/pose/<id>/<keypoint>  float x, float y, float score  (17 per person: nose ... right_ankle)
// Positions are picture pixels, or 0-1 of the width and height with `normalized`. A frame
// whose messages would overflow a UDP datagram continues in further bundles.
// Sending never fails the run (receivers come and go): failures are counted and the first is
// reported once on stderr.
#pragma once

#include <memory>
#include <string>

#include "live/endpoint.h"
#include "live/latency_log.h"
#include "pipeline/frame_sink.h"
#include "pipeline/run_summary.h"

namespace posenet {

struct OscOptions {
  Endpoint target;
  bool normalized = false;
  std::string prefix;  // "" or "/name" (no trailing '/')
};

class OscSink final : public FrameSink {
 public:
  static Result<std::unique_ptr<OscSink>> Open(const OscOptions& options);
  ~OscSink() override;
  Status Write(const FrameResult& r) override;
  Status Finish() override { return Status::Ok(); }
  DeliveryFigures figures() const;

 private:
  struct Impl;
  explicit OscSink(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace posenet
