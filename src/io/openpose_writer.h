// Poses in OpenPose's 1.3 JSON layout, one file per frame as OpenPose writes them:
//   {"version":1.3,"people":[{"person_id":[id],"pose_keypoints_2d":[x,y,score, ... 17]}]}
// with the 17 keypoints in COCO order (PoseNet's own), person_id -1 when untracked.
// Files are named <stem>_<frame, 12 digits>_keypoints.json.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "posenet/pose.h"

namespace posenet {

std::string PosesToOpenPoseJson(const std::vector<Pose>& poses);

// "<folder>/<stem>_000000000042_keypoints.json" for frame 42.
std::string OpenPoseFramePath(const std::string& folder, const std::string& stem, int64_t frame);

// Writes one frame's file atomically. Errors: "<file>: cannot write JSON: ...".
Status WriteOpenPoseFrame(const std::string& folder, const std::string& stem, int64_t frame,
                          const std::vector<Pose>& poses);

}  // namespace posenet
