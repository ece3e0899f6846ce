// posenet video INPUT... : poses through video files and streams, with ids and smoothing.
#include <memory>

#include "commands.h"
#include "video_run.h"

namespace posenet::cli {

void RegisterVideo(CLI::App& app, Runner& run) {
  auto a = std::make_shared<VideoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "video", "Track people's keypoints through video files, stream URLs or a camera");
  cmd->add_option("inputs", a->inputs,
                  "Video files (anything FFmpeg reads) or stream URLs (rtsp://, http://, ...)");
  cmd->add_option("--camera", a->camera, "Read V4L2 camera N (/dev/videoN) instead of files")
      ->check(CLI::Range(0, 1000));
  AddVideoOptions(cmd, *a);
  cmd->callback([a, &run] { run = [a] { return RunVideo(*a); }; });
}

}  // namespace posenet::cli
