// Results: people as 17 keypoints with positions and confidences. Plain values, freely copied.
#pragma once

#include <array>
#include <string_view>
#include <vector>

namespace posenet {

inline constexpr int kNumKeypoints = 17;

// Keypoint ids, in PoseNet's (and COCO's) order.
enum KeypointId : int {
  kNose = 0,
  kLeftEye,
  kRightEye,
  kLeftEar,
  kRightEar,
  kLeftShoulder,
  kRightShoulder,
  kLeftElbow,
  kRightElbow,
  kLeftWrist,
  kRightWrist,
  kLeftHip,
  kRightHip,
  kLeftKnee,
  kRightKnee,
  kLeftAnkle,
  kRightAnkle,
};

// "nose", "left_eye", ... "right_ankle" (snake_case, as in the JSON output); "" for an id out
// of range.
inline std::string_view KeypointName(int id) {
  constexpr std::array<std::string_view, kNumKeypoints> kNames = {
      "nose",           "left_eye",   "right_eye",   "left_ear",   "right_ear",   "left_shoulder",
      "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip",
      "right_hip",      "left_knee",  "right_knee",  "left_ankle", "right_ankle"};
  if (id < 0 || id >= kNumKeypoints) return {};
  return kNames[id];
}

struct Keypoint {
  float x = 0, y = 0;  // pixels (of the picture, or of the model input; see the caller)
  float score = 0;     // confidence in [0, 1]
};

struct Box {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // tight box around the pose's keypoints
};

struct Pose {
  float score = 0;                                // pose confidence in [0, 1]
  std::array<Keypoint, kNumKeypoints> keypoints;  // indexed by KeypointId
  Box box;
  int id = -1;  // person id across frames when tracked; -1 otherwise
};

// The 16 edges of PoseNet's pose graph (parent, child), in the order that fixes the
// displacement channels.
struct Edge {
  int parent, child;
};
inline constexpr std::array<Edge, 16> kPoseEdges = {{
    {kNose, kLeftEye},
    {kLeftEye, kLeftEar},
    {kNose, kRightEye},
    {kRightEye, kRightEar},
    {kNose, kLeftShoulder},
    {kLeftShoulder, kLeftElbow},
    {kLeftElbow, kLeftWrist},
    {kLeftShoulder, kLeftHip},
    {kLeftHip, kLeftKnee},
    {kLeftKnee, kLeftAnkle},
    {kNose, kRightShoulder},
    {kRightShoulder, kRightElbow},
    {kRightElbow, kRightWrist},
    {kRightShoulder, kRightHip},
    {kRightHip, kRightKnee},
    {kRightKnee, kRightAnkle},
}};

}  // namespace posenet
