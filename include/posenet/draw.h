// Drawing poses over a picture in memory (no OpenCV): the 16 edges of the display skeleton
// kDisplayEdges whose two keypoints both score >= threshold, and a dot on every keypoint that
// does, in one colour per pose. With OpenCV, posenet/opencv.h draws on a cv::Mat.
//
//   posenet::Canvas canvas{pixels, width, height, width * 3};   // RGB; BGR, RGBA, BGRA too
//   posenet::DrawPoses(canvas, poses);
//
// Colours come from a fixed palette of 10, indexed by the pose's id when it is tracked (id >= 0,
// so a person keeps its colour across frames) and by its position in the list otherwise. Line
// thickness grows with the picture (LineThickness) so the overlay reads the same on a 480p frame
// and on a 4K photo. Edges are anti-aliased: pixels whose centre lies within half the thickness
// minus half a pixel of the edge take the exact pose colour, and coverage falls to nothing over
// the next pixel. Pixel (x, y) has its centre at keypoint coordinates (x, y).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "posenet/export.h"
#include "posenet/picture.h"
#include "posenet/pose.h"
#include "posenet/status.h"

namespace posenet {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

struct DrawOptions {
  float threshold = 0.3f;  // keypoints scoring below are not drawn, nor their edges
  int thickness = 0;       // line thickness in pixels; 0: LineThickness(width, height)
  bool keypoints = true;   // draw a dot (radius 1.5 x thickness) on each keypoint
};

// A borrowed picture to draw on: rows top to bottom, `stride` bytes apart (>= width * bytes
// per pixel). Alpha, when there is one, is left as it is.
struct Canvas {
  uint8_t* data = nullptr;
  int width = 0;
  int height = 0;
  size_t stride = 0;
  PixelFormat format = PixelFormat::kRgb;
};

// The display skeleton, the one TF.js pose-detection, MediaPipe and OpenPose draw: face, arms,
// legs and a closed torso, no nose-to-shoulder lines (the decoder's tree kPoseEdges of
// posenet/pose.h is not a drawing). Pairs of KeypointIds.
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
POSENET_API Rgb PaletteColor(size_t index);

// The colour DrawPoses gives `pose` at position `index` of its list.
POSENET_API Rgb PoseColor(const Pose& pose, size_t index);

// max(2, round(min(width, height) / 200)): 2 px at 481x641, 6 px at 1920x1278.
POSENET_API int LineThickness(int width, int height);

// Draws one pose in `color`. Coordinates are picture pixels; parts outside are clipped and
// non-finite coordinates are skipped. An empty canvas (no pixels) draws nothing; a canvas
// without data, with a stride too small or an unknown format, or a negative thickness is an
// error and nothing is drawn.
POSENET_API Status DrawPose(const Canvas& canvas, const Pose& pose, Rgb color,
                            const DrawOptions& options = {});

// Draws every pose with PoseColor.
POSENET_API Status DrawPoses(const Canvas& canvas, const std::vector<Pose>& poses,
                             const DrawOptions& options = {});

}  // namespace posenet
