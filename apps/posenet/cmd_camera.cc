// posenet camera N : poses live from a V4L2 camera until Ctrl-C.
#include <memory>

#include "commands.h"
#include "video_run.h"

namespace posenet::cli {

void RegisterCamera(CLI::App& app, Runner& run) {
  auto a = std::make_shared<VideoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "camera", "Track people's keypoints live from a V4L2 camera (Ctrl-C stops)");
  cmd->add_option("index", a->camera, "Camera N (/dev/videoN)")
      ->required()
      ->check(CLI::NonNegativeNumber);
  AddVideoOptions(cmd, *a);
  cmd->callback([a, &run] { run = [a] { return RunVideo(*a); }; });
}

}  // namespace posenet::cli
