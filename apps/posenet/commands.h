// The subcommands of the posenet tool. Each Register* adds one subcommand to the app and
// stores the function that runs it; main() calls the chosen one and returns its exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace posenet::cli {

using Runner = std::function<int()>;

void RegisterModelInfo(CLI::App& app, Runner& run);
void RegisterModelRun(CLI::App& app, Runner& run);
void RegisterDetect(CLI::App& app, Runner& run);
void RegisterFetchModel(CLI::App& app, Runner& run);
void RegisterBench(CLI::App& app, Runner& run);
void RegisterSweep(CLI::App& app, Runner& run);
void RegisterVideo(CLI::App& app, Runner& run);
void RegisterCamera(CLI::App& app, Runner& run);
void RegisterAnalyze(CLI::App& app, Runner& run);
void RegisterServe(CLI::App& app, Runner& run);
void RegisterBatch(CLI::App& app, Runner& run);

}  // namespace posenet::cli
