// Poses worth reporting: drops a pose that repeats a stronger one (a "ghost": the TF.js decoder
// can decode one person several times from different roots, its copies scored low because
// their keypoints overlap the first) and poses scored below a minimum.
#pragma once

#include <vector>

#include "posenet/pose.h"

namespace posenet {

struct PoseFilterOptions {
  // Poses scored below this are dropped (as TF.js's demo minPoseConfidence). 0: none.
  float min_pose_score = 0;
  // A pose whose OKS against a stronger kept pose exceeds this is a duplicate and is dropped.
  // 1: none (OKS never exceeds 1).
  float duplicate_oks = 1;
  // Keypoints scored below this are left out of OKS (as the tracker does).
  float oks_keypoint_score = 0.3f;
};

// Keeps the order of the poses that stay. Poses are compared strongest first (score, then
// position in the list), so of two duplicates the stronger stays whatever the order.
void FilterPoses(std::vector<Pose>& poses, const PoseFilterOptions& options);

}  // namespace posenet
