// The analysis as one self-contained HTML page: a summary table per person, an SVG plot of
// every angle over time (repetitions shaded, gait events marked) and, when given, thumbnails of
// the bottom frame of each repetition. No script, no external file: it opens offline.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "posenet/analysis.h"

namespace posenet {

struct ReportInfo {
  std::string source;  // the video or results file the analysis is of
  int64_t frames = 0;  // frames read
  double duration_s = 0;
  // Pictures of key frames, by person id then sample index: "data:image/jpeg;base64,...".
  std::map<int, std::map<int, std::string>> thumbnails;
  double height_cm = 0;
};

std::string HtmlReport(const std::vector<PersonAnalysis>& people, const ReportInfo& info);

// "data:<mime>;base64,<bytes in base64>".
std::string DataUri(const std::string& mime, const std::vector<uint8_t>& bytes);

}  // namespace posenet
