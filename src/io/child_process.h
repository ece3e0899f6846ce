// Running a helper program (ffmpeg) without a shell: its own process group (a Ctrl-C at the
// terminal reaches us, not it: we decide when it ends), stderr kept in memory for the error
// line, stdin from us (a socket we feed) or /dev/null, and optionally one of our files as its
// descriptor 3 (the program then writes "pipe:3" into a file we opened safely).
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace posenet {

struct ChildOptions {
  bool feed_stdin = false;  // else stdin is /dev/null
  int fd3 = -1;             // given to the child as descriptor 3 when >= 0
};

struct ChildExit {
  int exit_code = -1;           // -1: killed by a signal or never started
  std::string last_error_line;  // the last non-empty line it wrote to stderr
};

class ChildProcess {
 public:
  // `args[0]` is the program's full path.
  static Result<std::unique_ptr<ChildProcess>> Start(const std::vector<std::string>& args,
                                                     const ChildOptions& options);
  ~ChildProcess();  // Finish() if not done yet
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Writes all of `data` to the child's stdin; 0, or the errno (EPIPE: the child has gone).
  int Feed(const void* data, size_t size);
  // Closes the child's stdin, waits for it to exit and reads its stderr. Idempotent.
  const ChildExit& Finish();

 private:
  ChildProcess() = default;
  pid_t pid_ = -1;
  int input_ = -1;   // our end of the child's stdin
  int errors_ = -1;  // memory file holding the child's stderr
  bool finished_ = false;
  ChildExit exit_;
};

// Runs `args` to completion with stdin on /dev/null.
ChildExit RunChild(const std::vector<std::string>& args, int fd3 = -1);

// The full path of `program` found in $PATH, or "" when it is not there.
std::string FindProgram(const std::string& program);

}  // namespace posenet
