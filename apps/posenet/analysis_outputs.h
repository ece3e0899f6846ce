// What `posenet analyze` and `posenet video --analyze` share: the analysis options, and the run
// from frames of tracked poses to the report, the JSON summary, the angles CSV and a short
// summary on stdout.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "posenet/analysis.h"
#include "posenet/status.h"

namespace posenet::cli {

struct AnalysisArgs {
  std::string report, csv, json;
  std::string exercise = "auto";
  double height_cm = 0;
  float min_score = 0.3f;
  bool summary_to_stderr = false;  // stdout carries data (posenet video --jsonl -)
};

// --report, --exercise, --height-cm, --min-angle-score, and the CSV and JSON outputs under the
// names given (`posenet video` has its own --csv already).
void AddAnalysisOptions(CLI::App* cmd, AnalysisArgs& args, const std::string& csv_flag,
                        const std::string& json_flag);

// Checks the outputs asked for before any work (base/output_file.h: no device, FIFO, folder or
// input file is ever replaced); the first refusal.
Status CheckAnalysisOutputs(const AnalysisArgs& args);

// Analyzes `frames` and writes the outputs asked for; `video` (may be empty) is read again for
// the key frames' thumbnails. Returns the exit code.
int RunAnalysis(const AnalysisArgs& args, const std::vector<PoseFrame>& frames,
                const std::string& source, const std::string& video);

}  // namespace posenet::cli
