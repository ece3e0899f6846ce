#include "decode/pose_util.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace posenet {

Status CheckDecodeStride(int stride) {
  if (stride >= 1 && stride <= kMaxDecodeStride) return Status::Ok();
  return Status::Error("cannot decode poses: stride " + std::to_string(stride) + " is outside 1-" +
                       std::to_string(kMaxDecodeStride));
}

float Sigmoid(float x) {
  if (std::isnan(x)) return 0.0f;
  return 1.0f / (1.0f + std::exp(-x));
}

float SafeOffset(float v, float bound) {
  if (std::isnan(v)) return 0.0f;
  return std::clamp(v, -bound, bound);
}

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
