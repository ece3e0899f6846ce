// Moving poses from model-input pixels to picture pixels, and mirroring them.
//
// A picture of size (picture_w, picture_h) reaches the network as a model_w x model_h input
// after optional padding (pad_left/pad_top model pixels of border before the picture content)
// and scaling. A keypoint at model pixel (x, y) is at picture pixel
//   x' = (x - pad_left) * scale_x,   y' = (y - pad_top) * scale_y
// with scale_x = picture content width / its width in the model input (e.g. picture_w / model_w
// for a plain stretch, as Coral's PoseEngine does, or (w + pads) / input size as tfjs does).
// Scores are unchanged and the box is recomputed from the moved keypoints.
//
// FlipHorizontal mirrors x only: x' = width - 1 - x (tfjs's flipHorizontal). Keypoint ids are
// NOT swapped: the person's left wrist stays "left_wrist", just drawn mirrored.
#pragma once

#include <vector>

#include "posenet/pose.h"

namespace posenet {

struct PictureMapping {
  float scale_x = 1, scale_y = 1;   // picture pixels per model-input pixel
  float pad_left = 0, pad_top = 0;  // model-input pixels of padding before the picture
};

// The mapping for a picture stretched (no padding) to the model input.
PictureMapping StretchMapping(int picture_w, int picture_h, int model_w, int model_h);

Pose ToPicture(const Pose& pose, const PictureMapping& mapping);
void ToPicture(std::vector<Pose>& poses, const PictureMapping& mapping);

Pose FlipHorizontal(const Pose& pose, float width);
void FlipHorizontal(std::vector<Pose>& poses, float width);

}  // namespace posenet
