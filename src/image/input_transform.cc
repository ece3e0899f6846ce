#include "image/input_transform.h"

#include <cmath>
#include <string>

namespace posenet {
namespace {

// JavaScript's Math.round: halves go towards +infinity.
int JsRound(double v) { return static_cast<int>(std::floor(v + 0.5)); }

constexpr double kMaxPaddedSide = 1 << 30;

}  // namespace

Borders TfjsBorders(int picture_w, int picture_h, int model_w, int model_h) {
  Borders p;
  const double target_aspect = static_cast<double>(model_w) / model_h;
  const double aspect = static_cast<double>(picture_w) / picture_h;
  if (aspect < target_aspect) {
    const int pad = JsRound(0.5 * (target_aspect * picture_h - picture_w));
    p.left = p.right = pad > 0 ? pad : 0;
  } else {
    const int pad = JsRound(0.5 * ((1.0 / target_aspect) * picture_w - picture_h));
    p.top = p.bottom = pad > 0 ? pad : 0;
  }
  return p;
}

Result<InputTransform> ComputeInputTransform(int picture_w, int picture_h, int model_w, int model_h,
                                             ResizeMode mode) {
  if (picture_w <= 0 || picture_h <= 0) {
    return Status::Error("cannot resize picture: its size " + std::to_string(picture_w) + "x" +
                         std::to_string(picture_h) + " is empty");
  }
  if (model_w <= 0 || model_h <= 0) {
    return Status::Error("cannot resize picture: the model input size " + std::to_string(model_w) +
                         "x" + std::to_string(model_h) + " is empty");
  }
  InputTransform t;
  t.picture_width = picture_w;
  t.picture_height = picture_h;
  t.model_width = model_w;
  t.model_height = model_h;
  if (mode == ResizeMode::kPad) {
    // A picture far thinner than the model would need a border too big to index with int.
    const double target_aspect = static_cast<double>(model_w) / model_h;
    const double padded_w = target_aspect * picture_h;
    const double padded_h = picture_w / target_aspect;
    if (padded_w > kMaxPaddedSide || padded_h > kMaxPaddedSide) {
      return Status::Error("cannot resize picture: its aspect ratio is too extreme to pad");
    }
    t.padding = TfjsBorders(picture_w, picture_h, model_w, model_h);
  }
  t.scale_x = static_cast<double>(t.padded_width()) / model_w;
  t.scale_y = static_cast<double>(t.padded_height()) / model_h;
  return t;
}

}  // namespace posenet
