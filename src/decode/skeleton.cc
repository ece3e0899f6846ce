// Keypoint names (declared in include/posenet/pose.h), snake_case as in the JSON output.
#include <array>
#include <string_view>

#include "posenet/pose.h"

namespace posenet {

std::string_view KeypointName(int id) {
  static constexpr std::array<std::string_view, kNumKeypoints> kNames = {
      "nose",           "left_eye",   "right_eye",   "left_ear",   "right_ear",   "left_shoulder",
      "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip",
      "right_hip",      "left_knee",  "right_knee",  "left_ankle", "right_ankle"};
  if (id < 0 || id >= kNumKeypoints) return {};
  return kNames[id];
}

}  // namespace posenet
