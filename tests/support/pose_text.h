// The poses the example programs print (examples/c/poses.c, examples/cmake/poses.cc): a line
// "pose INDEX SCORE" per pose, then 17 lines "NAME X Y SCORE", floats printed with %.9g (so they
// read back as the same float32). Compared with the posenet tool's JSON, value for value.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "posenet/pose.h"

namespace posenet::testing {

// The poses of an example program's output; fails the current test on a malformed line.
std::vector<Pose> ParsePoseText(const std::string& text);

// The poses of a `posenet detect --json` document.
std::vector<Pose> PosesFromJson(const nlohmann::json& document);

// Expects the same number of poses and, for each, the same score and keypoints (exactly).
void ExpectSamePoses(const std::vector<Pose>& actual, const std::vector<Pose>& expected);

}  // namespace posenet::testing
