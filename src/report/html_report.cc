#include "report/html_report.h"

#include <cmath>
#include <cstdio>

#include "report/svg_plot.h"

namespace posenet {
namespace {

constexpr const char* kStyle = R"(
body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f2f2f2}td.name,th.name{text-align:left}
.plots{display:flex;flex-wrap:wrap;gap:8px}
svg.plot{background:#fff;border:1px solid #ddd}
svg .title{font-size:13px;font-weight:600;fill:#222}svg .tick{font-size:10px;fill:#666}
svg .grid{stroke:#eee}svg .frame{fill:none;stroke:#999}
svg .angle{fill:none;stroke:#1565c0;stroke-width:1.6}svg .dot{fill:#1565c0}
svg .rep{fill:#4caf50;fill-opacity:.18}svg .rep.partial{fill:#ff9800;fill-opacity:.22}
svg .bottom{stroke:#2e7d32;stroke-dasharray:3 2}
svg .step{stroke-width:1}svg .step.left{stroke:#d32f2f}svg .step.right{stroke:#7b1fa2}
.thumbs{display:flex;flex-wrap:wrap;gap:12px}.thumbs figure{margin:0}
.thumbs img{height:260px;border:1px solid #ccc}.thumbs figcaption{font-size:12px}
.legend span{display:inline-block;margin-right:16px;font-size:12px}
.count{font-size:20px;font-weight:700}
)";

// The angles plotted for everyone: the nine single angles, then the one counted if combined.
constexpr AngleId kPlotted[] = {
    AngleId::kLeftKnee,     AngleId::kRightKnee,     AngleId::kLeftHip,
    AngleId::kRightHip,     AngleId::kLeftElbow,     AngleId::kRightElbow,
    AngleId::kLeftShoulder, AngleId::kRightShoulder, AngleId::kTrunkLean};

std::string Fixed(double v, int decimals) {
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, v);
  return buffer;
}

std::string Title(AngleId id) {
  std::string name(AngleName(id));
  for (char& c : name) {
    if (c == '_') c = ' ';
  }
  return name + " (degrees)";
}

std::string RepetitionTable(const PersonAnalysis& p) {
  std::string html =
      "<table class=\"reps\"><tr><th>#</th><th>start s</th><th>bottom s</th><th>end s</th>"
      "<th>depth deg</th><th>duration s</th><th class=\"name\">status</th></tr>\n";
  int n = 0;
  for (const Repetition& r : p.repetitions) {
    html += "<tr><td>" + std::to_string(++n) + "</td><td>" + Fixed(r.start_ms / 1000, 2) +
            "</td><td>" + Fixed(r.bottom_ms / 1000, 2) + "</td><td>" + Fixed(r.end_ms / 1000, 2) +
            "</td><td>" + Fixed(r.depth_degrees, 1) + "</td><td>" + Fixed(r.duration_s, 2) +
            "</td><td class=\"name\">" + (r.complete ? "complete" : "partial") + "</td></tr>\n";
  }
  return html + "</table>\n";
}

std::string GaitTable(const Gait& g, double height_cm) {
  if (g.steps.empty())
    return "<p>No walking found (fewer than 4 steps at 30-240 steps a minute).</p>\n";
  std::string html = "<table class=\"gait\">";
  auto row = [&](const std::string& name, const std::string& value) {
    html += "<tr><th class=\"name\">" + name + "</th><td>" + value + "</td></tr>";
  };
  row("steps", std::to_string(g.steps.size()));
  row("cadence (steps/min)", Fixed(g.cadence_spm, 1));
  row("step time (s, median)", Fixed(g.step_time_s, 3));
  row("left / right step time (s)",
      Fixed(g.left_step_time_s, 3) + " / " + Fixed(g.right_step_time_s, 3));
  row("symmetry (shorter / longer)", Fixed(g.symmetry, 3));
  row("stride time variability (CV)", Fixed(g.stride_time_cv, 3));
  row("speed (pixels/s)", Fixed(g.speed_px_s, 1));
  if (height_cm > 0) row("speed (m/s)", Fixed(g.speed_m_s, 2));
  return html + "</table>\n";
}

std::string AngleTable(const PersonAnalysis& p) {
  std::string html =
      "<table class=\"angles\"><tr><th class=\"name\">angle</th><th>range of motion deg</th>"
      "<th>valid samples</th><th>peak speed deg/s</th></tr>\n";
  for (int a = 0; a < kNumAngles; ++a) {
    int valid = 0;
    float peak = 0;
    for (size_t i = 0; i < p.angles[a].size(); ++i) {
      if (!p.angles[a][i].valid) continue;
      ++valid;
      peak = std::max(peak, std::fabs(p.velocity[a][i]));
    }
    html += "<tr><td class=\"name\">" + std::string(AngleName(static_cast<AngleId>(a))) +
            "</td><td>" + Fixed(p.range_of_motion[a], 1) + "</td><td>" + std::to_string(valid) +
            " / " + std::to_string(p.angles[a].size()) + "</td><td>" + Fixed(peak, 0) +
            "</td></tr>\n";
  }
  return html + "</table>\n";
}

std::string PersonSection(const PersonAnalysis& p, const ReportInfo& info) {
  const int partial = static_cast<int>(p.repetitions.size()) - p.complete_repetitions;
  std::string html = "<section class=\"person\" data-id=\"" + std::to_string(p.id) + "\">\n<h2>" +
                     (p.id >= 0 ? "Person " + std::to_string(p.id) : std::string("Person")) +
                     "</h2>\n<p>" + std::to_string(p.frames.size()) + " frames seen.</p>\n";
  if (p.exercise) {
    html += "<p>Exercise: <b>" + std::string(ExerciseName(*p.exercise)) + "</b> (counted on " +
            std::string(AngleName(ExerciseAngle(*p.exercise))) +
            "). Complete repetitions: <span class=\"count\" data-complete=\"" +
            std::to_string(p.complete_repetitions) + "\">" +
            std::to_string(p.complete_repetitions) + "</span>" +
            (partial > 0 ? ", and " + std::to_string(partial) + " partial" : "") + ".</p>\n" +
            RepetitionTable(p);
  } else {
    html += "<p>Exercise: none found (no angle moved through an exercise's range).</p>\n";
  }
  const auto thumbs = info.thumbnails.find(p.id);
  if (thumbs != info.thumbnails.end() && !thumbs->second.empty()) {
    html += "<h3>Bottom of each repetition</h3>\n<div class=\"thumbs\">\n";
    int n = 0;
    for (const Repetition& r : p.repetitions) {
      ++n;
      const auto it = thumbs->second.find(r.bottom);
      if (it == thumbs->second.end()) continue;
      html += "<figure><img alt=\"repetition " + std::to_string(n) + "\" src=\"" + it->second +
              "\"><figcaption>#" + std::to_string(n) + (r.complete ? "" : " (partial)") +
              ", frame " + std::to_string(p.frames[r.bottom]) + ", " + Fixed(r.depth_degrees, 0) +
              " deg</figcaption></figure>\n";
    }
    html += "</div>\n";
  }
  html += "<h3>Gait</h3>\n" + GaitTable(p.gait, info.height_cm);
  html += "<h3>Angles</h3>\n" + AngleTable(p);
  html +=
      "<p class=\"legend\"><span>green: repetition</span><span>orange: partial "
      "repetition</span><span>dashed: bottom</span><span>red / purple lines: left / right heel "
      "strike</span></p>\n<div class=\"plots\">\n";
  std::vector<double> times_s;
  for (double t : p.times_ms) times_s.push_back(t / 1000.0);
  std::vector<AngleId> plotted(std::begin(kPlotted), std::end(kPlotted));
  if (p.exercise && ExerciseAngle(*p.exercise) >= AngleId::kKnees) {
    plotted.insert(plotted.begin(), ExerciseAngle(*p.exercise));
  }
  for (AngleId id : plotted) {
    PlotSeries s{Title(id), times_s, p.angles[static_cast<int>(id)], {}, p.gait.steps};
    if (p.exercise && ExerciseAngle(*p.exercise) == id) s.repetitions = p.repetitions;
    html += AnglePlotSvg(s, 540, 170);
  }
  html += "</div>\n";
  return html + "</section>\n";
}

}  // namespace

std::string DataUri(const std::string& mime, const std::vector<uint8_t>& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = "data:" + mime + ";base64,";
  out.reserve(out.size() + (bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const uint32_t b0 = bytes[i];
    const uint32_t b1 = i + 1 < bytes.size() ? bytes[i + 1] : 0;
    const uint32_t b2 = i + 2 < bytes.size() ? bytes[i + 2] : 0;
    const uint32_t v = (b0 << 16) | (b1 << 8) | b2;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

std::string HtmlReport(const std::vector<PersonAnalysis>& people, const ReportInfo& info) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>Movement analysis: " +
      HtmlEscape(info.source) +
      "</title>\n"
      "<link rel=\"icon\" href=\"data:,\">\n<style>" +
      kStyle + "</style>\n</head>\n<body>\n<h1>Movement analysis</h1>\n<p>Source: <code>" +
      HtmlEscape(info.source) + "</code>, " + std::to_string(info.frames) + " frames, " +
      Fixed(info.duration_s, 1) + " s. People: " + std::to_string(people.size()) +
      ". Angles are measured in the picture (2-D): see docs/analysis.md.</p>\n";
  if (people.empty())
    html += "<p class=\"empty\">No person was seen in enough frames to analyze.</p>\n";
  for (const PersonAnalysis& p : people) html += PersonSection(p, info);
  return html + "</body>\n</html>\n";
}

}  // namespace posenet
