#include "io/child_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "base/output_file.h"

extern char** environ;

namespace posenet {
namespace {

// The last non-empty line of the memory file `fd` (at most its last 64 KiB are read).
std::string LastLine(int fd) {
  const off_t end = ::lseek(fd, 0, SEEK_END);
  if (end <= 0) return "";
  const off_t start = end > 65536 ? end - 65536 : 0;
  std::string text(static_cast<size_t>(end - start), '\0');
  const ssize_t n = ::pread(fd, text.data(), text.size(), start);
  if (n <= 0) return "";
  text.resize(static_cast<size_t>(n));
  std::string last;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) last = line;
  }
  return last;
}

}  // namespace

Result<std::unique_ptr<ChildProcess>> ChildProcess::Start(const std::vector<std::string>& args,
                                                          const ChildOptions& options) {
  const std::string program = args.empty() ? "" : args[0];
  const auto fail = [&](int error) {
    return Status::Error("cannot run " + program + ": " + ErrnoReason(error));
  };
  std::unique_ptr<ChildProcess> child(new ChildProcess());
  child->errors_ = ::memfd_create("posenet-child-stderr", MFD_CLOEXEC);
  if (child->errors_ < 0) return fail(errno);
  int theirs = -1;
  if (options.feed_stdin) {
    // A socket rather than a pipe: send() with MSG_NOSIGNAL reports a vanished child as EPIPE
    // instead of raising SIGPIPE in this process.
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) return fail(errno);
    child->input_ = pair[0];
    theirs = pair[1];
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (theirs >= 0) {
    posix_spawn_file_actions_adddup2(&actions, theirs, 0);
  } else {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, child->errors_, 2);
  if (options.fd3 >= 0) posix_spawn_file_actions_adddup2(&actions, options.fd3, 3);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const int error = args.empty() ? ENOENT
                                 : ::posix_spawn(&child->pid_, program.c_str(), &actions, &attr,
                                                 argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  if (theirs >= 0) ::close(theirs);
  if (error != 0) {
    child->pid_ = -1;
    return fail(error);
  }
  return child;
}

ChildProcess::~ChildProcess() {
  Finish();
  if (errors_ >= 0) ::close(errors_);
}

int ChildProcess::Feed(const void* data, size_t size) {
  if (input_ < 0) return EPIPE;
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::send(input_, p, size, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno == ECONNRESET ? EPIPE : errno;
    }
    p += n;
    size -= static_cast<size_t>(n);
  }
  return 0;
}

const ChildExit& ChildProcess::Finish() {
  if (finished_) return exit_;
  finished_ = true;
  if (input_ >= 0) ::close(input_);
  input_ = -1;
  if (pid_ > 0) {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    exit_.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    pid_ = -1;
  }
  if (errors_ >= 0) exit_.last_error_line = LastLine(errors_);
  return exit_;
}

ChildExit RunChild(const std::vector<std::string>& args, int fd3) {
  ChildOptions options;
  options.fd3 = fd3;
  auto child = ChildProcess::Start(args, options);
  if (!child.ok()) return ChildExit{-1, child.message()};
  return (*child)->Finish();
}

std::string FindProgram(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::stringstream dirs(path);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const std::filesystem::path candidate = std::filesystem::path(dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

}  // namespace posenet
