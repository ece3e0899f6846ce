#include "decode/single_pose.h"

#include <algorithm>

#include "decode/pose_util.h"

namespace posenet {

Result<std::vector<Pose>> DecodeSinglePose(const OutputViews& views,
                                           const SinglePoseOptions& options) {
  POSENET_RETURN_IF_ERROR(ValidateOutputViews(views));
  POSENET_RETURN_IF_ERROR(CheckDecodeStride(options.stride));
  const GridView& heat = views.heatmaps;
  const GridView& shorts = views.short_offsets;
  const float stride = static_cast<float>(options.stride);
  const float bound = static_cast<float>(std::max(heat.height, heat.width)) * stride;

  Pose pose;
  float total = 0;
  for (int k = 0; k < kNumKeypoints; ++k) {
    int best_y = 0, best_x = 0;
    float best = Sigmoid(heat.At(0, 0, k));
    for (int y = 0; y < heat.height; ++y) {
      for (int x = 0; x < heat.width; ++x) {
        const float s = Sigmoid(heat.At(y, x, k));
        if (s > best) {  // strict: the first maximum in row-major order wins
          best = s;
          best_y = y;
          best_x = x;
        }
      }
    }
    Keypoint& kp = pose.keypoints[k];
    // Positions in float (a cell index times the stride can pass int32 on huge grids).
    kp.y = static_cast<float>(best_y) * stride + SafeOffset(shorts.At(best_y, best_x, k), bound);
    kp.x = static_cast<float>(best_x) * stride +
           SafeOffset(shorts.At(best_y, best_x, kNumKeypoints + k), bound);
    kp.score = best;
    total += best;
  }
  pose.score = total / kNumKeypoints;
  pose.box = KeypointBox(pose);
  return std::vector<Pose>{pose};
}

}  // namespace posenet
