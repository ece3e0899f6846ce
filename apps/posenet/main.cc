// posenet: the command line tool. Subcommands live in cmd_*.cc.
#include <CLI/CLI.hpp>

#include "cli_common.h"
#include "commands.h"
#include "posenet/version.h"

int main(int argc, char** argv) {
  CLI::App app{"posenet.cpp: human pose estimation with PoseNet .tflite models on the CPU"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "posenet " POSENET_VERSION);
  // Usage errors are one line, like every other error of the tool.
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "posenet: " + std::string(e.what()) + " (see --help)\n";
  });
  posenet::cli::Runner run;
  posenet::cli::RegisterModelInfo(app, run);
  posenet::cli::RegisterModelRun(app, run);
  posenet::cli::RegisterBench(app, run);
#ifndef POSENET_CORE_ONLY  // pictures, video and downloads need OpenCV and libcurl
  posenet::cli::RegisterDetect(app, run);
  posenet::cli::RegisterFetchModel(app, run);
  posenet::cli::RegisterSweep(app, run);
  posenet::cli::RegisterVideo(app, run);
  posenet::cli::RegisterCamera(app, run);
  posenet::cli::RegisterAnalyze(app, run);
  posenet::cli::RegisterServe(app, run);
#else
  // The other commands, hidden, say why they are missing instead of a usage error.
  for (const char* name :
       {"detect", "fetch-model", "sweep", "video", "camera", "analyze", "serve"}) {
    CLI::App* cmd = app.add_subcommand(name, "")->group("")->allow_extras()->prefix_command();
    cmd->callback([name, &run] {
      run = [name] {
        return posenet::cli::Fail(std::string("cannot run ") + name +
                                  ": not in this build (POSENET_CORE_ONLY: no OpenCV, libcurl or "
                                  "nlohmann-json)");
      };
    });
  }
#endif
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return run ? run() : 1;
}
