// The analysis as files: a JSON summary (per person: exercise, repetitions, range of motion,
// gait) and a CSV of every angle per frame and person. All outputs of the analysis, the HTML
// report included, are written through WriteAnalysisFile.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "posenet/analysis.h"

namespace posenet {

// {"source": ..., "people": [{"id", "frames", "exercise", "complete_repetitions",
//  "partial_repetitions", "repetitions": [...], "range_of_motion": {...}, "gait": {...}}]}
std::string AnalysisSummaryJson(const std::vector<PersonAnalysis>& people,
                                const std::string& source);

// One row per person and frame: frame, time_ms, id, then per angle its degrees (empty in a
// gap), confidence and velocity (degrees per second).
std::string AnglesCsv(const std::vector<PersonAnalysis>& people);

// Writes `text` to `path` (through a temporary file renamed into place); errors read
// "<path>: cannot write <what>: <reason>". The one place the analysis outputs are written.
Status WriteAnalysisFile(const std::string& path, const std::string& text, const std::string& what);

}  // namespace posenet
