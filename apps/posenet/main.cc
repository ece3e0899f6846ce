// posenet: the command line tool. Subcommands live in cmd_*.cc.
#include <CLI/CLI.hpp>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"posenet.cpp: human pose estimation with PoseNet .tflite models on the CPU"};
  app.require_subcommand(1);
  // Usage errors are one line, like every other error of the tool.
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "posenet: " + std::string(e.what()) + " (see --help)\n";
  });
  posenet::cli::Runner run;
  posenet::cli::RegisterModelInfo(app, run);
  posenet::cli::RegisterModelRun(app, run);
  posenet::cli::RegisterDetect(app, run);
  posenet::cli::RegisterFetchModel(app, run);
  posenet::cli::RegisterBench(app, run);
  posenet::cli::RegisterSweep(app, run);
  posenet::cli::RegisterVideo(app, run);
  posenet::cli::RegisterCamera(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return run ? run() : 1;
}
