// posenet: the command line tool. Subcommands live in cmd_*.cc.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <new>

#include "base/output_file.h"
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
  posenet::cli::RegisterBatch(app, run);
#else
  // The other commands, hidden, say why they are missing instead of a usage error.
  for (const char* name :
       {"detect", "fetch-model", "sweep", "video", "camera", "analyze", "serve", "batch"}) {
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
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Usage errors are one line and exit 1, like every other error of the tool.
    std::string line = e.what();
    for (char& c : line) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    std::fprintf(stderr, "posenet: %s (see --help)\n", line.c_str());
    return 1;
  }
  int code = 1;
  try {
    code = run ? run() : 1;
  } catch (const std::bad_alloc&) {
    // Sizes are checked before large allocations; the system can still have less memory.
    std::fprintf(stderr, "posenet: cannot continue: out of memory\n");
    return 1;
  }
  // What went to stdout (reports, JSON with '-') must have got there: `> /dev/full` fails.
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  if (!flushed || std::ferror(stdout)) {
    const int error = flushed || errno == 0 ? EIO : errno;
    std::fprintf(stderr, "posenet: cannot write standard output: %s\n",
                 posenet::ErrnoReason(error).c_str());
    return 1;
  }
  return code;
}
