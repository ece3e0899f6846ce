// How alike two detections are: for matching people across frames and for dropping a pose
// that duplicates a stronger one.
#pragma once

#include <array>

#include "posenet/pose.h"

namespace posenet {

// COCO's per-keypoint sigmas (nose, eyes, ears, shoulders, elbows, wrists, hips, knees,
// ankles): how far, relative to the person's size, annotators disagree on each keypoint.
inline constexpr std::array<float, kNumKeypoints> kCocoKeypointSigmas = {
    0.026f, 0.025f, 0.025f, 0.035f, 0.035f, 0.079f, 0.079f, 0.072f, 0.072f,
    0.062f, 0.062f, 0.107f, 0.107f, 0.087f, 0.087f, 0.089f, 0.089f};

// Object keypoint similarity as COCO defines it, with `reference` playing the ground truth:
// the mean over keypoints scored >= min_score in both poses of exp(-d^2 / (2 s^2 k^2)), where
// d is the keypoint distance, k = 2 sigma and s^2 the area of reference.box (at least 1 px^2).
// 0 when no keypoint is confident in both.
float ObjectKeypointSimilarity(const Pose& reference, const Pose& candidate, float min_score);

// Intersection over union of the two poses' boxes; 0 when both are empty.
float BoxIou(const Box& a, const Box& b);

}  // namespace posenet
