// The figures GET /metrics serves, in the Prometheus text format (version 0.0.4): HTTP requests
// by status code, errors, a request-duration histogram, frames through the pipeline and frames
// it dropped, WebSocket clients and the messages dropped for slow ones. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace posenet {

class Metrics {
 public:
  // An HTTP request answered with `status` after `seconds` (from its first header to the
  // answer being queued for sending).
  void CountRequest(int status, double seconds);
  // A frame written to the live outputs; `dropped_before`: frames the pipeline dropped since
  // the previous one (latency low).
  void CountFrame(int64_t dropped_before);
  void SetClients(int clients);
  void CountDroppedMessages(int64_t messages);
  std::string Text() const;

  // Upper bounds (seconds) of the request-duration buckets; +Inf follows.
  static constexpr std::array<double, 12> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1,    2.5,   5,    10,  30};

 private:
  mutable std::mutex mutex_;
  std::map<int, int64_t> requests_;  // by status code
  int64_t errors_ = 0;               // status >= 400
  std::array<int64_t, kBuckets.size()> bucket_counts_{};
  int64_t duration_count_ = 0;
  double duration_sum_ = 0;
  int64_t frames_ = 0, frames_dropped_ = 0, messages_dropped_ = 0;
  int clients_ = 0;
};

}  // namespace posenet
