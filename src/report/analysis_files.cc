#include "report/analysis_files.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/output_file.h"

namespace posenet {
namespace {

using Json = nlohmann::ordered_json;

// Rounded for people to read (a float prints in its shortest form: 69.1, not
// 69.10000000000001), and never NaN, which JSON cannot hold.
float Round(double v, double unit = 0.001) {
  return std::isfinite(v) ? static_cast<float>(std::round(v / unit) * unit) : 0.0f;
}

Json RepetitionJson(const Repetition& r, const PersonAnalysis& p) {
  return Json{{"complete", r.complete},
              {"start_frame", p.frames[r.start]},
              {"bottom_frame", p.frames[r.bottom]},
              {"end_frame", p.frames[r.end]},
              {"start_s", Round(r.start_ms / 1000)},
              {"bottom_s", Round(r.bottom_ms / 1000)},
              {"end_s", Round(r.end_ms / 1000)},
              {"depth_degrees", Round(r.depth_degrees, 0.1)},
              {"duration_s", Round(r.duration_s)}};
}

Json GaitJson(const Gait& g, const PersonAnalysis& p) {
  Json steps = Json::array();
  for (const GaitStep& s : g.steps) {
    steps.push_back(Json{{"frame", p.frames[s.sample]},
                         {"time_s", Round(s.time_ms / 1000)},
                         {"foot", s.left ? "left" : "right"}});
  }
  return Json{{"steps", g.steps.size()},
              {"cadence_steps_per_min", Round(g.cadence_spm, 0.01)},
              {"step_time_s", Round(g.step_time_s)},
              {"left_step_time_s", Round(g.left_step_time_s)},
              {"right_step_time_s", Round(g.right_step_time_s)},
              {"symmetry", Round(g.symmetry)},
              {"stride_time_cv", Round(g.stride_time_cv)},
              {"speed_px_per_s", Round(g.speed_px_s, 0.1)},
              {"speed_m_per_s", Round(g.speed_m_s, 0.01)},
              {"heel_strikes", std::move(steps)}};
}

std::string Cell(double v, const char* format) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), format, v);
  return buffer;
}

}  // namespace

std::string AnalysisSummaryJson(const std::vector<PersonAnalysis>& people,
                                const std::string& source) {
  Json list = Json::array();
  for (const PersonAnalysis& p : people) {
    Json reps = Json::array();
    for (const Repetition& r : p.repetitions) reps.push_back(RepetitionJson(r, p));
    Json rom = Json::object();
    for (int a = 0; a < kNumAngles; ++a) {
      rom[std::string(AngleName(static_cast<AngleId>(a)))] = Round(p.range_of_motion[a], 0.1);
    }
    list.push_back(Json{
        {"id", p.id},
        {"frames", p.frames.size()},
        {"exercise", p.exercise ? Json(std::string(ExerciseName(*p.exercise))) : Json(nullptr)},
        {"complete_repetitions", p.complete_repetitions},
        {"partial_repetitions", static_cast<int>(p.repetitions.size()) - p.complete_repetitions},
        {"repetitions", std::move(reps)},
        {"range_of_motion_degrees", std::move(rom)},
        {"gait", GaitJson(p.gait, p)}});
  }
  return Json{{"source", source}, {"people", std::move(list)}}.dump(
             2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

std::string AnglesCsv(const std::vector<PersonAnalysis>& people) {
  std::string csv = "frame,time_ms,id";
  for (int a = 0; a < kNumAngles; ++a) {
    const std::string name(AngleName(static_cast<AngleId>(a)));
    csv += "," + name + "," + name + "_confidence," + name + "_velocity";
  }
  csv += "\n";
  for (const PersonAnalysis& p : people) {
    for (size_t i = 0; i < p.frames.size(); ++i) {
      csv += std::to_string(p.frames[i]) + "," + Cell(p.times_ms[i], "%.3f") + "," +
             std::to_string(p.id);
      for (int a = 0; a < kNumAngles; ++a) {
        const AngleSample& s = p.angles[a][i];
        csv += "," + (s.valid ? Cell(s.degrees, "%.2f") : std::string()) + "," +
               Cell(s.confidence, "%.3f") + "," +
               (s.valid ? Cell(p.velocity[a][i], "%.1f") : std::string());
      }
      csv += "\n";
    }
  }
  return csv;
}

Status WriteAnalysisFile(const std::string& path, const std::string& text,
                         const std::string& what) {
  return WriteFileAtomically(path, text.data(), text.size(), what);
}

}  // namespace posenet
