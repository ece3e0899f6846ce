// The live outputs `posenet video`, `camera` and `serve` share: --osc (liblo) and --websocket
// (the live server's WebSocket and web view), built once per run and given to each input's
// pipeline as sinks; their delivery figures go into --stats.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "io/json_writer.h"
#include "live/live_server.h"
#include "live/osc_sink.h"
#include "pipeline/frame_sink.h"
#include "pipeline/run_summary.h"

namespace posenet::cli {

struct LiveArgs {
  std::string osc;  // HOST:PORT
  bool osc_normalized = false;
  std::string osc_prefix;
  std::string websocket;   // [ADDR:]PORT
  int websocket_wait = 0;  // clients to wait for before reading the input
  std::string token;
  size_t client_queue = 4;
};

void AddLiveOptions(CLI::App* cmd, LiveArgs& args);
// The options only `posenet serve` lacks (it always serves): --websocket.
void AddWebSocketOption(CLI::App* cmd, LiveArgs& args);

// Prints where the server listens, on stderr: "posenet: serving http://127.0.0.1:8080/ ...".
void AnnounceServer(const LiveServer& server, const std::string& host, const std::string& what);

class LiveOutputs {
 public:
  // Starts the WebSocket server (unless `server` is given: `posenet serve`'s own) and checks
  // the OSC target. Nothing to do without --osc and --websocket.
  static Result<std::unique_ptr<LiveOutputs>> Open(const LiveArgs& args, LiveServer* server,
                                                   std::shared_ptr<Metrics> metrics);
  // The sinks for one input, appended to `sinks`.
  Status AddSinks(const std::string& input, const JsonModelInfo& model,
                  std::vector<std::unique_ptr<FrameSink>>& sinks);
  // With --websocket-wait N: blocks until N clients are connected (false when stopped first).
  bool WaitForClient(const std::atomic<bool>* stop);
  void AddFigures(RunSummary& summary) const;

 private:
  LiveArgs args_;
  std::shared_ptr<Metrics> metrics_;
  std::unique_ptr<LiveServer> own_server_;
  LiveServer* server_ = nullptr;
  std::vector<const OscSink*> osc_;  // of the current input
};

}  // namespace posenet::cli
