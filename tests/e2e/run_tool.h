// Running the posenet tool built by this tree: POSENET_TOOL is its path and
// POSENET_TOOL_LAUNCHER the command that runs target programs in a cross build (the emulator,
// its arguments separated by '|'; empty in native builds).
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "run_program.h"

namespace posenet::testing {

inline ProgramResult RunTool(const std::vector<std::string>& args) {
  std::vector<std::string> command;
  std::stringstream launcher(POSENET_TOOL_LAUNCHER);
  for (std::string part; std::getline(launcher, part, '|');) {
    if (!part.empty()) command.push_back(part);
  }
  command.push_back(POSENET_TOOL);
  command.insert(command.end(), args.begin(), args.end());
  return RunProgram(command.front(), std::vector<std::string>(command.begin() + 1, command.end()));
}

}  // namespace posenet::testing
