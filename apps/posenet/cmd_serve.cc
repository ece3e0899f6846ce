// posenet serve [INPUT...|--camera N] : the HTTP API (POST /v1/poses, /healthz, /metrics), the
// web view and, with inputs, their frames over the WebSocket, until Ctrl-C.
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "cli_common.h"
#include "commands.h"
#include "live/endpoint.h"
#include "live/live_server.h"
#include "live/pose_service.h"
#include "video_run.h"

namespace posenet::cli {
namespace {

struct ServeArgs {
  VideoArgs video;
  std::string listen = "127.0.0.1:8080";
  int workers = 1;
  size_t queue = 64;
  double max_body_mb = 32;
  int max_side = 8192;
  int64_t max_pixels = int64_t{40} << 20;
  int request_timeout = 10;
};

int RunServe(ServeArgs a) {
  auto listen = ParseEndpoint("--listen", a.listen, "127.0.0.1", true);
  if (!listen.ok()) return Fail(listen.status());
  auto loaded = LoadEstimator(a.video.estimator);
  if (!loaded.ok()) return Fail(loaded.status());

  PoseServiceOptions service_options;
  service_options.workers = a.workers;
  service_options.queue = a.queue;
  service_options.estimator = loaded->options;
  service_options.model_info = loaded->info;
  service_options.max_picture_side = a.max_side;
  service_options.max_picture_pixels = a.max_pixels;
  auto service = PoseService::Start(loaded->model, service_options);
  if (!service.ok()) return Fail(service.status());
  loaded->estimator.reset();  // the workers have their own

  LiveServerOptions options;
  options.listen = *listen;
  options.token = a.video.live.token;
  options.client_queue = a.video.live.client_queue;
  options.max_body_bytes = static_cast<size_t>(a.max_body_mb * 1024 * 1024);
  options.header_timeout_s = a.request_timeout;
  options.body_timeout_s = a.request_timeout;
  PoseService* pose_service = service->get();
  options.poses = [pose_service](PoseRequest&& request, Respond respond) {
    return pose_service->Submit(std::move(request), std::move(respond));
  };
  auto metrics = std::make_shared<Metrics>();
  auto server = LiveServer::Start(options, metrics);
  if (!server.ok()) return Fail(server.status());
  AnnounceServer(**server, listen->host, "web view, WebSocket /ws, POST /v1/poses, /metrics");
  InstallInterruptHandlers();

  int exit_code = 0;
  if (!a.video.inputs.empty() || a.video.camera >= 0) {
    a.video.server = server->get();
    a.video.metrics = metrics;
    exit_code = RunVideo(a.video);
  }
  // The API keeps serving after the inputs end, until Ctrl-C or SIGTERM.
  while (exit_code == 0 && !Interrupted()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  (*server)->Stop();  // no more requests; then the workers finish theirs
  service->reset();
  return exit_code == 130 ? 0 : exit_code;
}

}  // namespace

void RegisterServe(CLI::App& app, Runner& run) {
  auto a = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the HTTP pose API and the web view; with inputs, stream their poses (Ctrl-C stops)");
  cmd->add_option("inputs", a->video.inputs,
                  "Video files or stream URLs whose frames the web view and /ws show");
  cmd->add_option("--camera", a->video.camera, "Read V4L2 camera N (/dev/videoN)");
  cmd->add_option("--listen", a->listen,
                  "[ADDR:]PORT to serve on (ADDR 127.0.0.1 unless given; 0.0.0.0: every "
                  "interface; port 0: any free one)")
      ->capture_default_str();
  cmd->add_option("--workers", a->workers, "Pictures estimated at once (each with --threads)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--queue", a->queue, "Requests waiting for a worker; more are refused (503)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-body-mb", a->max_body_mb, "Largest request body (413 beyond)")
      ->capture_default_str()
      ->check(CLI::Range(0.001, 1024.0));
  cmd->add_option("--max-side", a->max_side, "Longest picture side in pixels (422 beyond)")
      ->capture_default_str()
      ->check(CLI::Range(16, 65536));
  cmd->add_option("--max-pixels", a->max_pixels, "Most pixels in a picture (422 beyond)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{256}, int64_t{1} << 30));
  cmd->add_option("--request-timeout", a->request_timeout,
                  "Seconds a request's headers, and then its body, may take to arrive")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  AddVideoOptions(cmd, a->video, /*websocket_option=*/false);
  cmd->callback([a, &run] { run = [a] { return RunServe(*a); }; });
}

}  // namespace posenet::cli
