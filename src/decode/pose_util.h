// Small helpers shared by the decoders: the float sigmoid they all use and the pose box.
#pragma once

#include "posenet/pose.h"

namespace posenet {

// 1 / (1 + exp(-x)) in float32, as Coral's decoder and tf.sigmoid compute it.
float Sigmoid(float x);

// The tight box around all 17 keypoints, whatever their scores (a low-score keypoint still
// has a position, and callers filter by score themselves).
Box KeypointBox(const Pose& pose);

}  // namespace posenet
