#include "live/websocket_sink.h"

#include <chrono>
#include <cstdio>

#include "io/image_file.h"
#include "io/jsonl_writer.h"

namespace posenet {

Status WebSocketSink::Write(const FrameResult& r) {
  auto frame = std::make_shared<LiveFrame>();
  const JsonImageInfo image{r.frame.path.empty() ? input_ : r.frame.path, r.frame.image.width(),
                            r.frame.image.height()};
  frame->json = FrameToJsonLine(r.frame.index, r.frame.timestamp_ms, r.poses, image, model_);
  frame->arrival = r.frame.arrival;
  if (server_.has_view_clients()) {
    auto jpeg = EncodePicture(r.frame.image.view(), ".jpg", 80);
    if (jpeg.ok()) frame->jpeg.assign(jpeg->begin(), jpeg->end());
  }
  // The web view shows how long the frame took from arrival until now (the message made).
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - r.frame.arrival)
          .count();
  char latency[64];
  std::snprintf(latency, sizeof(latency), ",\"latency_ms\":%.2f}", ms);
  frame->view_json = frame->json.substr(0, frame->json.size() - 1) + latency;
  metrics_->CountFrame(r.frame.index - last_index_ - 1);
  last_index_ = r.frame.index;
  server_.Publish(std::move(frame));
  return Status::Ok();
}

Status WebSocketSink::Finish() {
  server_.Drain(2.0);
  return Status::Ok();
}

}  // namespace posenet
