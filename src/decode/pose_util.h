// Small helpers shared by the decoders: the float sigmoid they all use, the pose box, and the
// guards that keep hostile network outputs (NaN, infinities, 1e30 offsets, absurd strides)
// from turning into undefined behaviour or keypoints a billion pixels away.
#pragma once

#include "base/status.h"
#include "posenet/pose.h"

namespace posenet {

// The largest stride the decoders accept (a PoseNet's is 8, 16 or 32; graph/output_stride.h
// refuses larger ones too).
inline constexpr int kMaxDecodeStride = 4096;

// Ok for 1 <= stride <= kMaxDecodeStride, else "cannot decode poses: ...".
Status CheckDecodeStride(int stride);

// 1 / (1 + exp(-x)) in float32, as Coral's decoder and tf.sigmoid compute it; a NaN logit
// scores 0.
float Sigmoid(float x);

// An offset read from a network output, made safe: NaN becomes 0 and the value is clamped to
// [-bound, bound], where the caller passes the input's extent in pixels (grid side times the
// stride): a real offset never reaches that far, and every position stays finite.
float SafeOffset(float v, float bound);

// The tight box around all 17 keypoints, whatever their scores (a low-score keypoint still
// has a position, and callers filter by score themselves).
Box KeypointBox(const Pose& pose);

}  // namespace posenet
