// Drawing poses over an RGB picture: the display skeleton (kDisplayEdges, the one TF.js
// pose-detection, MediaPipe and OpenPose draw: face, arms, legs and a closed torso, no
// nose-to-shoulder lines; the decoder's tree kPoseEdges is not a drawing) where both keypoints
// score >= threshold and a dot on every keypoint that does, in one colour per pose (labels:
// DrawPoseLabels of render/annotations.h).
//
// Colours come from a fixed palette of 10, indexed by the pose's id when it is tracked
// (id >= 0, so a person keeps its colour across frames) and by its position in the list
// otherwise. Line thickness grows with the picture (LineThickness) so the overlay reads the
// same on a 480p frame and on a 4K photo. Lines are anti-aliased; their centre pixels are the
// exact pose colour.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "image/image.h"
#include "posenet/pose.h"

namespace posenet {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

struct DrawOptions {
  float threshold = 0.3f;  // keypoints scoring below are not drawn, nor their edges
  int thickness = 0;       // line thickness in pixels; 0: LineThickness(width, height)
  bool keypoints = true;   // draw a dot on each keypoint
};

// The display skeleton: pairs of KeypointIds.
inline constexpr std::array<Edge, 16> kDisplayEdges = {{
    {kNose, kLeftEye},
    {kNose, kRightEye},
    {kLeftEye, kLeftEar},
    {kRightEye, kRightEar},
    {kLeftShoulder, kRightShoulder},
    {kLeftShoulder, kLeftElbow},
    {kLeftElbow, kLeftWrist},
    {kRightShoulder, kRightElbow},
    {kRightElbow, kRightWrist},
    {kLeftShoulder, kLeftHip},
    {kRightShoulder, kRightHip},
    {kLeftHip, kRightHip},
    {kLeftHip, kLeftKnee},
    {kLeftKnee, kLeftAnkle},
    {kRightHip, kRightKnee},
    {kRightKnee, kRightAnkle},
}};

inline constexpr size_t kPaletteSize = 10;

// The palette colour for pose `index` (wraps around).
Rgb PaletteColor(size_t index);

// The colour DrawPoses gives `pose` at position `index` of its list.
Rgb PoseColor(const Pose& pose, size_t index);

// max(2, round(min(width, height) / 200)): 2 px at 481x641, 6 px at 1920x1278.
int LineThickness(int width, int height);

// Draws one pose in `color`. Coordinates are picture pixels; parts outside are clipped and
// non-finite coordinates are skipped.
void DrawPose(Image& image, const Pose& pose, Rgb color, const DrawOptions& options = {});

// Draws every pose with PoseColor.
void DrawPoses(Image& image, const std::vector<Pose>& poses, const DrawOptions& options = {});

}  // namespace posenet
