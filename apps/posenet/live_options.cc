#include "live_options.h"

#include <cstdio>

#include "live/endpoint.h"
#include "live/websocket_sink.h"

namespace posenet::cli {

void AddLiveOptions(CLI::App* cmd, LiveArgs& a) {
  cmd->add_option("--osc", a.osc,
                  "Send each frame's poses as an OSC bundle to HOST:PORT over UDP "
                  "(docs/live.md)");
  cmd->add_flag("--osc-normalized", a.osc_normalized,
                "OSC positions as 0-1 of the picture's width and height instead of pixels");
  cmd->add_option("--osc-prefix", a.osc_prefix,
                  "Put this before every OSC address, e.g. /cam1 (several cameras, one "
                  "receiver)");
  cmd->add_option("--token", a.token,
                  "Require 'Authorization: Bearer TOKEN' (or ?token=TOKEN) on every request "
                  "but /healthz");
  cmd->add_option("--client-queue", a.client_queue,
                  "Frames waiting per WebSocket client; a slower client loses the oldest")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--websocket-wait", a.websocket_wait,
                  "Start reading the input once N WebSocket clients are connected")
      ->check(CLI::Range(0, 1000));
}

void AddWebSocketOption(CLI::App* cmd, LiveArgs& a) {
  cmd->add_option("--websocket", a.websocket,
                  "Serve frames as JSON over a WebSocket (ws://ADDR:PORT/ws) and the web view "
                  "(http://ADDR:PORT/) on [ADDR:]PORT (ADDR: 127.0.0.1 unless given)");
}

void AnnounceServer(const LiveServer& server, const std::string& host, const std::string& what) {
  const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::fprintf(stderr, "posenet: serving http://%s:%d/ (%s)\n", shown.c_str(), server.port(),
               what.c_str());
  std::fflush(stderr);
}

Result<std::unique_ptr<LiveOutputs>> LiveOutputs::Open(const LiveArgs& args, LiveServer* server,
                                                       std::shared_ptr<Metrics> metrics) {
  auto live = std::unique_ptr<LiveOutputs>(new LiveOutputs());
  live->args_ = args;
  live->metrics_ = metrics ? std::move(metrics) : std::make_shared<Metrics>();
  live->server_ = server;
  if (!args.osc.empty()) {
    POSENET_RETURN_IF_ERROR(ParseEndpoint("--osc", args.osc, "", false).status());
  }
  if (server == nullptr && !args.websocket.empty()) {
    POSENET_ASSIGN_OR_RETURN(Endpoint listen,
                             ParseEndpoint("--websocket", args.websocket, "127.0.0.1", true));
    LiveServerOptions options;
    options.listen = listen;
    options.token = args.token;
    options.client_queue = args.client_queue;
    POSENET_ASSIGN_OR_RETURN(live->own_server_, LiveServer::Start(options, live->metrics_));
    live->server_ = live->own_server_.get();
    AnnounceServer(*live->server_, listen.host, "web view, WebSocket /ws");
  }
  return live;
}

Status LiveOutputs::AddSinks(const std::string& input, const JsonModelInfo& model,
                             std::vector<std::unique_ptr<FrameSink>>& sinks) {
  osc_.clear();
  if (!args_.osc.empty()) {
    OscOptions options;
    POSENET_ASSIGN_OR_RETURN(options.target, ParseEndpoint("--osc", args_.osc, "", false));
    options.normalized = args_.osc_normalized;
    options.prefix = args_.osc_prefix;
    POSENET_ASSIGN_OR_RETURN(std::unique_ptr<OscSink> osc, OscSink::Open(options));
    osc_.push_back(osc.get());
    sinks.push_back(std::move(osc));
  }
  if (server_ != nullptr) {
    sinks.push_back(std::make_unique<WebSocketSink>(*server_, metrics_, input, model));
  }
  return Status::Ok();
}

bool LiveOutputs::WaitForClient(const std::atomic<bool>* stop) {
  if (args_.websocket_wait <= 0 || server_ == nullptr) return true;
  std::fprintf(stderr, "posenet: waiting for %d WebSocket client(s)\n", args_.websocket_wait);
  return server_->WaitForClients(args_.websocket_wait, stop);
}

void LiveOutputs::AddFigures(RunSummary& summary) const {
  for (const OscSink* osc : osc_) summary.deliveries.push_back(osc->figures());
  if (server_ != nullptr) summary.deliveries.push_back(server_->figures());
}

}  // namespace posenet::cli
