// posenet analyze RESULTS.jsonl : joint angles, repetitions and gait from `posenet video
// --jsonl` output, as a report, a JSON summary and a CSV (docs/analysis.md).
#include <filesystem>
#include <memory>

#include "analysis_outputs.h"
#include "base/output_file.h"
#include "cli_common.h"
#include "commands.h"
#include "io/jsonl_reader.h"

namespace posenet::cli {
namespace {

struct AnalyzeArgs {
  std::string input;
  std::string video;  // for thumbnails; default: the video the JSONL names, when it exists
  bool no_video = false;
  AnalysisArgs analysis;
};

int RunAnalyze(const AnalyzeArgs& a) {
  // No output may replace the results read here or the video read for thumbnails.
  ProtectInputFile(a.input);
  if (!a.video.empty()) ProtectInputFile(a.video);
  if (Status s = CheckAnalysisOutputs(a.analysis); !s.ok()) return Fail(s);
  auto recording = ReadPosesJsonl(a.input);
  if (!recording.ok()) return Fail(recording.status());
  std::string video = a.video;
  std::error_code ec;
  if (video.empty() && !a.no_video && !recording->video_path.empty() &&
      std::filesystem::is_regular_file(recording->video_path, ec)) {
    video = recording->video_path;
    ProtectInputFile(video);
  }
  return RunAnalysis(a.analysis, recording->frames, a.input, video);
}

}  // namespace

void RegisterAnalyze(CLI::App& app, Runner& run) {
  auto a = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "analyze", "Joint angles, repetitions and gait from `posenet video --jsonl` results");
  cmd->add_option("results", a->input, "JSON Lines written by posenet video --jsonl")->required();
  AddAnalysisOptions(cmd, a->analysis, "--csv", "--json");
  cmd->add_option("--video", a->video,
                  "The video the results are of, for key-frame thumbnails in the report "
                  "(default: the one the results name, if it exists)");
  cmd->add_flag("--no-video", a->no_video, "No thumbnails");
  cmd->callback([a, &run] { run = [a] { return RunAnalyze(*a); }; });
}

}  // namespace posenet::cli
