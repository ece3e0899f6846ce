// Gait from the two ankle tracks: heel strikes, cadence, step times, symmetry, variability,
// speed (docs/analysis.md describes the method).
#pragma once

#include <vector>

#include "posenet/analysis.h"

namespace posenet {

struct GaitOptions {
  float min_keypoint_score = 0.3f;
  double height_cm = 0;  // > 0: speed in metres per second too
};

// Heel strikes and the figures derived from them; an empty Gait when fewer than 4 steps are
// found (standing, squatting, or ankles too rarely seen).
Gait AnalyzeGait(const std::vector<Pose>& poses, const std::vector<double>& times_ms,
                 const GaitOptions& options);

}  // namespace posenet
