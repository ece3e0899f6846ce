#include "decode/pose_util.h"

#include <algorithm>
#include <cmath>

namespace posenet {

float Sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

Box KeypointBox(const Pose& pose) {
  Box b{pose.keypoints[0].x, pose.keypoints[0].y, pose.keypoints[0].x, pose.keypoints[0].y};
  for (const Keypoint& k : pose.keypoints) {
    b.x0 = std::min(b.x0, k.x);
    b.y0 = std::min(b.y0, k.y);
    b.x1 = std::max(b.x1, k.x);
    b.y1 = std::max(b.y1, k.y);
  }
  return b;
}

}  // namespace posenet
