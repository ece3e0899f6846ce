// Left and right legs on different legs: a pass over decoded poses that undoes "collapse",
// where a pose's left and right knee (or ankle) land on the same leg.
//
// Why decoders collapse: every keypoint is reached along the tree from its parent with a mid
// offset (displacement) and then pulled by the short offsets of its own channel, which point to
// where that channel's heatmap fires nearby. Where the network is unsure of left and right (side
// views, crossed or bent legs, feet together, low resolution) both channels fire on both legs,
// and the short offsets pull both keypoints onto the stronger one. Coral's decoder refines 5
// times, accumulating bilinear offsets of up to 50 px (its op's unclipped heads), so it crosses
// over most; TF.js refines twice from the nearest cell, and the plain models clip the short
// offsets to 10 px, which limits the jump (measured in docs/accuracy.md).
//
// The pass, knees first, then ankles (each pose on its own; sizes in torso lengths, shoulder
// midpoint to hip midpoint):
//  1. A pair is collapsed when its two keypoints are closer than `collapse_fraction`.
//  2. Candidates for the other leg, at least `collapse_fraction` from the collapsed point:
//     each side reached from its own parent (hip, knee) along its displacement and then pulled
//     by its short offsets only as long as that keeps it away from the collapsed point; and the
//     strongest 3x3 heatmap maximum of either channel (score >= min_score), for the side whose
//     channel scores it higher.
//  3. A candidate must stay within `max_reach` times the longer decoded segment of the pair
//     from its parent, and off the same keypoints of the other poses.
//  4. The side with the best-scored candidate (its own channel's score, >= min_score) moves
//     there; the other keeps the collapsed point. No candidate: the pose stays as it is (the
//     other leg may be hidden).
#pragma once

#include <vector>

#include "decode/output_views.h"
#include "posenet/pose.h"

namespace posenet {

struct LimbSeparationOptions {
  int stride = 16;
  float collapse_fraction = 0.15f;  // torso lengths
  float max_reach = 1.5f;           // times the longer decoded segment, from the parent
  float min_score = 0.1f;           // least heatmap score of the other leg
  int refine_steps = 5;             // short-offset steps for a keypoint reached from its parent
};

// `poses` in model-input pixels, decoded from `views`. Boxes are recomputed.
void SeparateLimbs(std::vector<Pose>& poses, const OutputViews& views,
                   const LimbSeparationOptions& options = {});

}  // namespace posenet
