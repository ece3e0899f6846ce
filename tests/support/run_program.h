// Running a built program from a test and capturing its exit code and output.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace posenet::testing {

struct ProgramResult {
  int exit_code = -1;  // -1 if it did not exit normally (crash, signal)
  int signal = 0;      // the signal that ended it, if one did
  bool timed_out = false;
  int64_t max_rss_kb = 0;  // its peak resident memory
  std::string out, err;
};

// Runs `program` with `args` (no shell), waits, and returns what it printed. With
// `timeout_seconds` > 0 a program still running then is killed (SIGKILL) and reported as
// timed out: a hang ends the test instead of CI.
ProgramResult RunProgram(const std::string& program, const std::vector<std::string>& args,
                         int timeout_seconds = 0);

// Number of lines in `text` (a final line without '\n' counts).
int LineCount(const std::string& text);

}  // namespace posenet::testing
