// Multi-person decoding with tfjs posenet's decodeMultiplePoses semantics (pixels throughout).
//
// 1. Candidates: every (y, x, k) whose sigmoid score is >= score_threshold and that no cell of
//    its (2r+1)^2 window in channel k beats strictly (ties with neighbours still count), in a
//    max-heap keyed by score with tfjs's own tie order (tfjs_max_heap.h).
// 2. Pop candidates while fewer than max_poses poses exist. The root is at
//    cell * stride + short offset (not clamped); it is skipped when keypoint k of an earlier
//    pose lies within nms_radius (squared distance <= nms_radius^2).
// 3. Decode from the root: backward edges 15..0 (child known, parent not), then forward edges
//    0..15. One step from p: take the displacement at the nearest cell of p
//    (clamp(round(p / stride)), JS Math.round), then refine_steps times snap to the nearest cell
//    c and replace the point with c * stride + short[c, target]. The keypoint score is the
//    sigmoid score at the nearest cell of the final point.
// 4. Pose score = (sum of the scores of keypoints not within nms_radius of the same keypoint of
//    an earlier pose) / 17. No threshold on it; poses come out in detection order.
// Arithmetic on positions is in double, as in JavaScript.
#pragma once

#include <vector>

#include "base/status.h"
#include "decode/output_views.h"
#include "posenet/pose.h"

namespace posenet {

struct TfjsMultiPoseOptions {
  int max_poses = 5;
  float score_threshold = 0.5f;  // on sigmoid scores, for root candidates
  float nms_radius = 20;         // input pixels
  int local_max_radius = 1;      // candidate window is (2r+1) x (2r+1) cells
  int refine_steps = 2;          // short-offset refinements per displacement step
  int stride = 16;               // input pixels per output cell
};

// Poses in model-input pixels, in detection order, boxes around all 17 keypoints.
Result<std::vector<Pose>> DecodeMultiPosesTfjs(const OutputViews& views,
                                               const TfjsMultiPoseOptions& options = {});

}  // namespace posenet
