// Single-person decoding as tfjs posenet's decodeSinglePose does it.
//
// For each keypoint k: the cell (i, j) with the highest sigmoid score in heatmap channel k (the
// first one in row-major order when several are equal, as tf.argMax returns on the CPU), then
//   position = (j * stride + short[i, j, 17 + k], i * stride + short[i, j, k])   (x, y)
//   score    = sigmoid(heatmap[i, j, k])
// The pose score is the mean of the 17 keypoint scores. The argmax runs on sigmoid scores, not
// logits, because float32 sigmoid saturates: two logits that round to the same score tie.
#pragma once

#include <vector>

#include "base/status.h"
#include "decode/output_views.h"
#include "posenet/pose.h"

namespace posenet {

struct SinglePoseOptions {
  int stride = 16;  // input pixels per output cell
};

// One pose, in model-input pixels, with its box around all 17 keypoints. Only the heatmaps and
// short offsets are read, but all three views must be valid.
Result<std::vector<Pose>> DecodeSinglePose(const OutputViews& views,
                                           const SinglePoseOptions& options = {});

}  // namespace posenet
