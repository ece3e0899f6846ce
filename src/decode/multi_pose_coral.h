// Multi-person decoding with the semantics of Coral's PosenetDecoderOp (the custom op inside
// posenet_*_quant_decoder.tflite), which produced Coral's reference results.
//
// Everything runs in grid units (offsets and nms_radius divided by the stride) and float32:
// 1. Candidates: every (y, x, k), scanned row-major, whose logit is >= logit(threshold + 1e-6)
//    and that no 3x3 neighbour in channel k beats strictly, at (y, x) + short offset clamped to
//    the grid, in a std::priority_queue keyed by logit (libstdc++'s tie order, like Coral's).
// 2. Pop roots while fewer than max_detections poses are accepted; reject a root that lies
//    within nms_radius of the same keypoint of an accepted pose (squared distance <= r^2).
// 3. Decode best-first from the root (score = bilinear logit at the root point): each step
//    follows the bilinear mid offset of the edge, then adds the bilinear short offset of the
//    target 5 times, clamping to the grid after every step; the keypoint logit is sampled
//    bilinearly at the final point.
// 4. Accept the pose if the mean of its 17 sigmoid scores is >= score_threshold.
// 5. Soft keypoint NMS: rank accepted poses by that score; a keypoint within nms_radius of the
//    same keypoint of a higher-ranked pose no longer counts; score = sum of the rest / 17.
// 6. Sort by that score, keep those >= score_threshold, multiply points by the stride.
//
// Backward edge channels: the op reads mid channels (eid, eid + 16) for edge id eid, after
// adding 16 to backward edge ids (16..31). The posenet_decoder.so that made Coral's reference
// CSVs (and the edgetpu sources) tests `eid > 16`, so backward edge 16 (left_eye -> nose) reads
// channels (16, 32) instead of (32, 48). legacy_edge_channels = true reproduces that (it only
// matters when the nose is reached from the left eye); false uses the corrected `eid >= 16`.
//
// Offsets are sampled in pixels and then multiplied by 1/stride; for power-of-two strides
// (8, 16, 32) this is bit-identical to Coral's sampling of pre-divided offsets.
#pragma once

#include <vector>

#include "base/status.h"
#include "decode/output_views.h"
#include "posenet/pose.h"

namespace posenet {

struct CoralDecoderOptions {
  int max_detections = 10;
  float score_threshold = 0.2f;      // on sigmoid scores: root candidates and pose scores
  float nms_radius = 10;             // input pixels
  int stride = 16;                   // input pixels per output cell
  bool legacy_edge_channels = true;  // the shipped op's `eid > 16` channel test (see above)
};

inline constexpr int kCoralRefinementSteps = 5;  // fixed in Coral's op

// Poses in model-input pixels, by decreasing score, boxes around all 17 keypoints.
Result<std::vector<Pose>> DecodeMultiPosesCoral(const OutputViews& views,
                                                const CoralDecoderOptions& options = {});

}  // namespace posenet
