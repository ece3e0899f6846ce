#include "analysis_outputs.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "base/output_file.h"
#include "cli_common.h"
#include "io/capture_source.h"
#include "io/image_file.h"
#include "render/annotations.h"
#include "report/analysis_files.h"
#include "report/html_report.h"

namespace posenet::cli {
namespace {

constexpr int kThumbnailHeight = 320;

// Thumbnails of each repetition's bottom, read from the video (one pass over it). A video that
// cannot be read leaves the report without pictures, with a warning.
std::map<int, std::map<int, std::string>> Thumbnails(const std::vector<PersonAnalysis>& people,
                                                     const std::string& video) {
  std::map<int, std::map<int, std::string>> thumbnails;
  std::map<int64_t, std::vector<std::pair<const PersonAnalysis*, int>>> wanted;  // by frame
  for (const PersonAnalysis& p : people) {
    for (const Repetition& r : p.repetitions) wanted[p.frames[r.bottom]].push_back({&p, r.bottom});
  }
  if (wanted.empty()) return thumbnails;
  auto source = OpenVideoFile(video);
  if (!source.ok()) {
    std::fprintf(stderr, "posenet: warning: no thumbnails: %s\n",
                 source.status().message().c_str());
    return thumbnails;
  }
  VideoFrame frame;
  const int64_t last = wanted.rbegin()->first;
  while (true) {
    Result<bool> more = (*source)->Next(frame);
    if (!more.ok() || !*more || frame.index > last) break;
    const auto it = wanted.find(frame.index);
    if (it == wanted.end()) continue;
    for (auto [person, sample] : it->second) {
      const Image thumb =
          PoseThumbnail(frame.image.view(), person->poses[sample], kThumbnailHeight);
      if (thumb.empty()) continue;
      auto jpeg = EncodePicture(thumb.view(), ".jpg", 80);
      if (jpeg.ok()) thumbnails[person->id][sample] = DataUri("image/jpeg", *jpeg);
    }
  }
  return thumbnails;
}

void PrintSummary(const std::vector<PersonAnalysis>& people, std::FILE* out) {
  if (people.empty()) std::fprintf(out, "analysis: no person found\n");
  for (const PersonAnalysis& p : people) {
    std::fprintf(out, "person %d: %zu frames", p.id, p.frames.size());
    if (p.exercise) {
      const int partial = static_cast<int>(p.repetitions.size()) - p.complete_repetitions;
      std::fprintf(out, ", %s: %d complete repetitions%s",
                   std::string(ExerciseName(*p.exercise)).c_str(), p.complete_repetitions,
                   partial > 0 ? " and 1 partial" : "");
    }
    if (!p.gait.steps.empty()) {
      std::fprintf(out, ", %zu steps, %.1f steps/min, symmetry %.2f", p.gait.steps.size(),
                   p.gait.cadence_spm, p.gait.symmetry);
    }
    std::fprintf(out, "\n");
  }
}

}  // namespace

void AddAnalysisOptions(CLI::App* cmd, AnalysisArgs& a, const std::string& csv_flag,
                        const std::string& json_flag) {
  cmd->add_option("--report", a.report,
                  "Write the analysis as one self-contained HTML page (plots, table, key frames)");
  cmd->add_option(csv_flag, a.csv, "Write every angle per frame and person as CSV");
  cmd->add_option(json_flag, a.json, "Write the analysis summary as JSON");
  cmd->add_option("--exercise", a.exercise,
                  "Count repetitions of squat (knees), pushup, curl (elbows), jumping-jack "
                  "(shoulders), or auto")
      ->check(CLI::IsMember({"auto", "squat", "pushup", "jumping-jack", "curl"}))
      ->capture_default_str();
  cmd->add_option("--height-cm", a.height_cm, "The person's height: gait speed in m/s too")
      ->check(CLI::Range(50.0, 250.0));
  cmd->add_option("--min-angle-score", a.min_score,
                  "Keypoints scoring below leave a gap in the angles made from them")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
}

Status CheckAnalysisOutputs(const AnalysisArgs& a) {
  for (const auto& [path, what] :
       {std::pair{&a.json, "JSON"}, std::pair{&a.csv, "CSV"}, std::pair{&a.report, "report"}}) {
    if (path->empty()) continue;
    POSENET_RETURN_IF_ERROR(CheckOutputPath(*path, what));
  }
  return Status::Ok();
}

int RunAnalysis(const AnalysisArgs& a, const std::vector<PoseFrame>& frames,
                const std::string& source, const std::string& video) {
  AnalysisOptions options;
  options.min_keypoint_score = a.min_score;
  options.height_cm = a.height_cm;
  if (a.exercise != "auto") options.exercise = ParseExercise(a.exercise);
  const std::vector<PersonAnalysis> people = AnalyzePoses(frames, options);
  PrintSummary(people, a.summary_to_stderr ? stderr : stdout);
  if (!a.json.empty()) {
    if (Status s = WriteAnalysisFile(a.json, AnalysisSummaryJson(people, source), "JSON");
        !s.ok()) {
      return Fail(s);
    }
  }
  if (!a.csv.empty()) {
    if (Status s = WriteAnalysisFile(a.csv, AnglesCsv(people), "CSV"); !s.ok()) return Fail(s);
  }
  if (!a.report.empty()) {
    ReportInfo info;
    info.source = source;
    info.frames = static_cast<int64_t>(frames.size());
    if (frames.size() > 1) {
      const double span = frames.back().timestamp_ms - frames.front().timestamp_ms;
      info.duration_s = span / 1000.0 * frames.size() / (frames.size() - 1);
    }
    info.height_cm = a.height_cm;
    if (!video.empty()) info.thumbnails = Thumbnails(people, video);
    if (Status s = WriteAnalysisFile(a.report, HtmlReport(people, info), "report"); !s.ok()) {
      return Fail(s);
    }
  }
  return 0;
}

}  // namespace posenet::cli
