// Hand-made people for pose filter and tracking tests: a standing figure of a given height whose
// feet stand at (x, y), every keypoint at score `score`, box fitted to the keypoints.
#pragma once

#include <array>

#include "decode/pose_util.h"
#include "posenet/pose.h"

namespace posenet::testing {

// Keypoint offsets of a 1-unit-tall figure, feet at (0, 0), head up (negative y).
inline constexpr std::array<std::array<float, 2>, kNumKeypoints> kFigure = {{
    {0.00f, -0.95f},
    {-0.03f, -0.97f},
    {0.03f, -0.97f},
    {-0.06f, -0.95f},
    {0.06f, -0.95f},
    {-0.12f, -0.80f},
    {0.12f, -0.80f},
    {-0.16f, -0.62f},
    {0.16f, -0.62f},
    {-0.18f, -0.45f},
    {0.18f, -0.45f},
    {-0.08f, -0.50f},
    {0.08f, -0.50f},
    {-0.09f, -0.26f},
    {0.09f, -0.26f},
    {-0.09f, 0.00f},
    {0.09f, 0.00f},
}};

inline Pose Person(float x, float y, float height, float score = 0.9f) {
  Pose p;
  p.score = score;
  for (int k = 0; k < kNumKeypoints; ++k) {
    p.keypoints[k] = {x + height * kFigure[k][0], y + height * kFigure[k][1], score};
  }
  p.box = KeypointBox(p);
  return p;
}

}  // namespace posenet::testing
