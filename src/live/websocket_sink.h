// Hands each finished frame to the live server's WebSocket clients: the JSONL line for every
// client and, while a web view is connected, the frame as a JPEG. Never waits for a client
// (LiveServer::Publish only queues), so slow clients cost the pipeline nothing.
#pragma once

#include <memory>
#include <string>

#include "io/json_writer.h"
#include "live/live_server.h"
#include "live/metrics.h"
#include "pipeline/frame_sink.h"

namespace posenet {

class WebSocketSink final : public FrameSink {
 public:
  WebSocketSink(LiveServer& server, std::shared_ptr<Metrics> metrics, std::string input,
                JsonModelInfo model)
      : server_(server),
        metrics_(std::move(metrics)),
        input_(std::move(input)),
        model_(std::move(model)) {}
  Status Write(const FrameResult& r) override;
  // Gives the clients up to two seconds to receive what is queued.
  Status Finish() override;

 private:
  LiveServer& server_;
  std::shared_ptr<Metrics> metrics_;
  std::string input_;
  JsonModelInfo model_;
  int64_t last_index_ = -1;
};

}  // namespace posenet
