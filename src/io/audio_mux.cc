#include "io/audio_mux.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

extern char** environ;

namespace posenet {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string last_error_line;
};

// Runs `args` (no shell) with stdin and stdout on /dev/null, stderr captured.
Outcome Run(const std::vector<std::string>& args, const std::string& stderr_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  Outcome outcome;
  pid_t pid = 0;
  if (posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  posix_spawn_file_actions_destroy(&actions);
  std::ifstream in(stderr_path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) outcome.last_error_line = line;
  }
  std::error_code ec;
  fs::remove(stderr_path, ec);
  return outcome;
}

}  // namespace

std::string FindProgram(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::stringstream dirs(path);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

Status MuxAudio(const std::string& ffmpeg, const std::string& video, const std::string& source,
                double seconds) {
  const fs::path out =
      fs::path(video).parent_path() /
      ("." + fs::path(video).stem().string() + ".audio" + fs::path(video).extension().string());
  const std::string log = out.string() + ".log";
  std::string extension = fs::path(video).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool mp4 = extension == ".mp4" || extension == ".mov" || extension == ".m4v";
  Outcome last;
  for (const char* audio_codec : {"copy", "aac"}) {
    std::vector<std::string> args = {ffmpeg, "-nostdin", "-y", "-v", "error", "-i", video};
    if (!source.empty()) {
      // -t before the second -i limits the audio read, never the video.
      args.insert(args.end(), {"-t", std::to_string(seconds), "-i", source, "-map", "0:v:0", "-map",
                               "1:a:0?", "-c:a", audio_codec});
    }
    args.insert(args.end(), {"-c:v", "copy"});
    // The index at the front, so a browser plays the file while it downloads.
    if (mp4) args.insert(args.end(), {"-movflags", "+faststart"});
    args.push_back(out.string());
    last = Run(args, log);
    if (last.exit_code == 0 || source.empty()) break;
  }
  std::error_code ec;
  if (last.exit_code != 0) {
    fs::remove(out, ec);
    return Status::Error(video + ": cannot copy audio: ffmpeg failed" +
                         (last.last_error_line.empty() ? "" : ": " + last.last_error_line));
  }
  fs::rename(out, video, ec);
  if (ec) {
    fs::remove(out, ec);
    return Status::Error(video + ": cannot copy audio: " + ec.message());
  }
  return Status::Ok();
}

}  // namespace posenet
