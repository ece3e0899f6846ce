// ffmpeg serving dance.mp4 at its real pace over HTTP: the fake live source of the video and
// live tests. Header-only (ffmpeg must be on PATH; see io/audio_mux.h FindProgram).
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <string>
#include <vector>

#include "io/audio_mux.h"
#include "shared_data.h"

extern char** environ;

namespace posenet::testing {

// ffmpeg serving `seconds` of dance.mp4 at its real pace as an HTTP MPEG-TS stream: a live
// source whose frames come at 25 fps and then stop.
class LiveStream {
 public:
  LiveStream(int port, int seconds) {
    url_ = "http://127.0.0.1:" + std::to_string(port) + "/live.ts";
    const std::string ffmpeg = FindProgram("ffmpeg");
    std::vector<std::string> args = {ffmpeg,
                                     "-nostdin",
                                     "-v",
                                     "quiet",
                                     "-re",
                                     "-t",
                                     std::to_string(seconds),
                                     "-i",
                                     SharedPath("data/videos/dance.mp4"),
                                     "-c",
                                     "copy",
                                     "-f",
                                     "mpegts",
                                     "-listen",
                                     "1",
                                     url_};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, ffmpeg.c_str(), nullptr, nullptr, argv.data(), environ) != 0) pid_ = 0;
  }
  ~LiveStream() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  const std::string& url() const { return url_; }

 private:
  pid_t pid_ = 0;
  std::string url_;
};

}  // namespace posenet::testing
