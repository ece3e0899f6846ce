// The HTTP and WebSocket server of `posenet serve` and of `--websocket` (libwebsockets, one
// service thread). On one port:
//   GET  /             the web view (web/view.html): the live picture with skeletons
//   GET  /healthz      {"status":"ok"} (never needs the token)
//   GET  /metrics      Prometheus text (metrics.h)
//   POST /v1/poses     a JPEG/PNG body -> the picture JSON, through `LiveServerOptions::poses`
//   GET  /ws           WebSocket: one text message per frame, the JSONL line; with ?view=1 each
//                      is preceded by the frame as a binary JPEG message and carries
//                      "latency_ms" (the web view)
// Every answer other than the page and the metrics is JSON; errors are {"error": "..."} with
// their status (400, 401, 404, 405, 408, 411, 413, 422, 503).
//
// Slow WebSocket clients never hold up the pipeline or each other: Publish only queues a
// frame per client (at most `client_queue`, the oldest dropped and counted) and the service
// thread sends when each socket can take more. Requests whose headers or body trickle in
// slower than the timeouts are answered 408 or closed; bodies over `max_body_bytes` are refused
// (413) before they are read.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "live/endpoint.h"
#include "live/metrics.h"
#include "pipeline/run_summary.h"

namespace posenet {

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// {"error": message} with its status.
HttpResponse JsonError(int status, const std::string& message);

struct PoseRequest {
  std::string query;  // the URL's query, "a=1&b=2" (decoded)
  std::vector<uint8_t> body;
  // Set when the client has gone: a worker that has not started on it skips it.
  std::shared_ptr<const std::atomic<bool>> abandoned;
};

using Respond = std::function<void(HttpResponse)>;
// Takes a complete POST /v1/poses request and answers it through `respond`, once, from any
// thread. Returns false, without calling `respond`, when it has no room (the server then
// answers 503).
using PoseHandler = std::function<bool(PoseRequest&& request, Respond respond)>;

struct LiveServerOptions {
  Endpoint listen{"127.0.0.1", 8080};  // port 0: any free port (see port())
  std::string token;                   // non-empty: "Authorization: Bearer T" or ?token=T
  size_t client_queue = 4;             // frames waiting per WebSocket client
  size_t max_body_bytes = size_t{32} << 20;
  int header_timeout_s = 10;  // a request's headers must arrive within this
  int body_timeout_s = 10;    // its body within this (else 408)
  int idle_timeout_s = 30;    // idle keep-alive connections are closed after this
  PoseHandler poses;          // none: POST /v1/poses is 404
};

// One frame as the WebSocket clients receive it.
struct LiveFrame {
  std::string json;       // the JSONL line
  std::string view_json;  // the same with "latency_ms", for the web view
  std::string jpeg;       // the picture, for web view clients (empty when none is connected)
  std::chrono::steady_clock::time_point arrival;
};

class LiveServer {
 public:
  // Listens and starts the service thread. Errors: "--listen 127.0.0.1:80: cannot listen: ...".
  static Result<std::unique_ptr<LiveServer>> Start(const LiveServerOptions& options,
                                                   std::shared_ptr<Metrics> metrics);
  ~LiveServer();  // Stop()
  LiveServer(const LiveServer&) = delete;
  LiveServer& operator=(const LiveServer&) = delete;

  int port() const;  // the port listened on
  // Queues `frame` for every WebSocket client; any thread.
  void Publish(std::shared_ptr<const LiveFrame> frame);
  bool has_view_clients() const;
  int clients() const;
  // Blocks until `count` WebSocket clients are connected or `stop` becomes true; false then.
  bool WaitForClients(int count, const std::atomic<bool>* stop);
  // Waits until every client's queued frames are sent, or `seconds` pass.
  void Drain(double seconds);
  // Closes the WebSocket clients (normal closure), stops listening and joins the thread.
  void Stop();
  // WebSocket messages sent, dropped, and the frame-arrival-to-sent latency.
  DeliveryFigures figures() const;

 private:
  struct Impl;
  explicit LiveServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace posenet
