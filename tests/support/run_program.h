// Running a built program from a test and capturing its exit code and output.
#pragma once

#include <string>
#include <vector>

namespace posenet::testing {

struct ProgramResult {
  int exit_code = -1;  // -1 if it did not exit normally (crash, signal)
  std::string out, err;
};

// Runs `program` with `args` (no shell), waits, and returns what it printed.
ProgramResult RunProgram(const std::string& program, const std::vector<std::string>& args);

// Number of lines in `text` (a final line without '\n' counts).
int LineCount(const std::string& text);

}  // namespace posenet::testing
