#include "live/metrics.h"

#include <cstdio>

namespace posenet {
namespace {

// Shortest form that reads back the same for the bucket bounds ("0.005", "2.5"); sums in full.
std::string Number(double v, bool exact = false) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), exact ? "%.17g" : "%g", v);
  return buf;
}

void Header(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

}  // namespace

void Metrics::CountRequest(int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[status];
  if (status >= 400) ++errors_;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];  // cumulative, as Prometheus reads them
  }
  ++duration_count_;
  duration_sum_ += seconds;
}

void Metrics::CountFrame(int64_t dropped_before) {
  std::lock_guard lock(mutex_);
  ++frames_;
  frames_dropped_ += dropped_before;
}

void Metrics::SetClients(int clients) {
  std::lock_guard lock(mutex_);
  clients_ = clients;
}

void Metrics::CountDroppedMessages(int64_t messages) {
  std::lock_guard lock(mutex_);
  messages_dropped_ += messages;
}

std::string Metrics::Text() const {
  std::lock_guard lock(mutex_);
  std::string out;
  Header(out, "posenet_http_requests_total", "counter", "HTTP requests answered, by status code.");
  for (const auto& [code, n] : requests_) {
    out += "posenet_http_requests_total{code=\"" + std::to_string(code) + "\"} " +
           std::to_string(n) + "\n";
  }
  Header(out, "posenet_http_errors_total", "counter", "HTTP requests answered with 4xx or 5xx.");
  out += "posenet_http_errors_total " + std::to_string(errors_) + "\n";
  Header(out, "posenet_http_request_duration_seconds", "histogram",
         "Time from a request's headers to its answer.");
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    out += "posenet_http_request_duration_seconds_bucket{le=\"" + Number(kBuckets[i]) + "\"} " +
           std::to_string(bucket_counts_[i]) + "\n";
  }
  out += "posenet_http_request_duration_seconds_bucket{le=\"+Inf\"} " +
         std::to_string(duration_count_) + "\n";
  out += "posenet_http_request_duration_seconds_sum " + Number(duration_sum_, true) + "\n";
  out += "posenet_http_request_duration_seconds_count " + std::to_string(duration_count_) + "\n";
  Header(out, "posenet_frames_total", "counter", "Video frames sent to the live outputs.");
  out += "posenet_frames_total " + std::to_string(frames_) + "\n";
  Header(out, "posenet_frames_dropped_total", "counter",
         "Video frames dropped because inference fell behind a live source.");
  out += "posenet_frames_dropped_total " + std::to_string(frames_dropped_) + "\n";
  Header(out, "posenet_websocket_clients", "gauge", "WebSocket clients connected.");
  out += "posenet_websocket_clients " + std::to_string(clients_) + "\n";
  Header(out, "posenet_websocket_messages_dropped_total", "counter",
         "Frames not sent to a slow WebSocket client (its queue was full).");
  out += "posenet_websocket_messages_dropped_total " + std::to_string(messages_dropped_) + "\n";
  return out;
}

}  // namespace posenet
