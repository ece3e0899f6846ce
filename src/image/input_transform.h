// Where a picture lands in the model input, and how to map model-input coordinates back.
//
// Two modes (ResizeMode):
//  * kStretch: the whole picture is scaled to the model size, ignoring its aspect ratio
//    (what Coral's PoseEngine does).
//  * kPad: black (0, 0, 0) borders are added to the picture so that its aspect ratio matches
//    the model's, then the padded picture is scaled (what tfjs posenet's padAndResizeTo does).
//    As in tfjs, the borders are symmetric and equal on both sides:
//      if  picture_w / picture_h < model_w / model_h:
//        pad_left = pad_right = round(0.5 * (model_w / model_h * picture_h - picture_w))
//      else
//        pad_top = pad_bottom = round(0.5 * (model_h / model_w * picture_w - picture_h))
//    with round() = JavaScript's Math.round (floor(v + 0.5)), computed in double.
//
// The mapping (tfjs's scaleAndFlipPoses convention; coordinates are continuous pixel
// positions, no half-pixel shift):
//   picture_x = model_x * scale_x - pad_left      model_x = (picture_x + pad_left) / scale_x
//   picture_y = model_y * scale_y - pad_top       model_y = (picture_y + pad_top) / scale_y
// where scale_x = (picture_w + pad_left + pad_right) / model_w and likewise for y: padded
// picture pixels per model pixel. Pads are in picture pixels. The decode layer's
// PictureMapping expresses the same map with its pads in model pixels:
//   PictureMapping{scale_x, scale_y, pad_left / scale_x, pad_top / scale_y}.
#pragma once

#include "base/status.h"

namespace posenet {

enum class ResizeMode { kStretch, kPad };

struct Borders {
  int top = 0, bottom = 0, left = 0, right = 0;  // picture pixels
};

struct InputTransform {
  int picture_width = 0, picture_height = 0;
  int model_width = 0, model_height = 0;
  Borders padding;
  double scale_x = 1, scale_y = 1;  // padded-picture pixels per model-input pixel

  // Size of the picture once padded: what gets resized to the model size.
  int padded_width() const { return picture_width + padding.left + padding.right; }
  int padded_height() const { return picture_height + padding.top + padding.bottom; }

  double ToPictureX(double model_x) const { return model_x * scale_x - padding.left; }
  double ToPictureY(double model_y) const { return model_y * scale_y - padding.top; }
  double ToModelX(double picture_x) const { return (picture_x + padding.left) / scale_x; }
  double ToModelY(double picture_y) const { return (picture_y + padding.top) / scale_y; }
};

// tfjs's padAndResizeTo borders for a picture going into a model_w x model_h input.
Borders TfjsBorders(int picture_w, int picture_h, int model_w, int model_h);

// The transform for `mode`; fails unless all four sizes are positive.
Result<InputTransform> ComputeInputTransform(int picture_w, int picture_h, int model_w, int model_h,
                                             ResizeMode mode);

}  // namespace posenet
