#include "pipeline/frame_preprocessor.h"

#include <string>

#include "decode/pose_transform.h"

namespace posenet {

FramePreprocessor::FramePreprocessor(const EstimatorOptions& user, int model_w, int model_h)
    : user_(user), model_w_(model_w), model_h_(model_h) {
  resize_.filter = user.nearest ? ResizeFilter::kNearest : ResizeFilter::kBilinear;
  resize_.mode = user.pad_to_aspect ? ResizeMode::kPad : ResizeMode::kStretch;
}

EstimatorOptions FramePreprocessor::EstimatorOptionsForResized() const {
  EstimatorOptions o = user_;
  o.session.input_width = model_w_;
  o.session.input_height = model_h_;
  o.pad_to_aspect = false;
  o.nearest = true;
  o.model_space = true;
  o.flip_horizontal = false;
  return o;
}

Result<InputTransform> FramePreprocessor::Resize(const ImageView& frame, Image& input) const {
  if (frame.empty()) return Status::Error("cannot estimate poses: empty picture");
  if (frame.width < Estimator::kMinPictureSide || frame.height < Estimator::kMinPictureSide) {
    const std::string min = std::to_string(Estimator::kMinPictureSide);
    return Status::Error("cannot estimate poses: the picture is " + std::to_string(frame.width) +
                         "x" + std::to_string(frame.height) + " pixels, smaller than the minimum " +
                         min + "x" + min);
  }
  return ResizeForModel(frame, model_w_, model_h_, resize_, input);
}

void FramePreprocessor::MapToPicture(std::vector<Pose>& poses, const InputTransform& t,
                                     int picture_width) const {
  float width = static_cast<float>(model_w_);
  if (!user_.model_space) {
    const PictureMapping mapping{static_cast<float>(t.scale_x), static_cast<float>(t.scale_y),
                                 static_cast<float>(t.padding.left / t.scale_x),
                                 static_cast<float>(t.padding.top / t.scale_y)};
    ToPicture(poses, mapping);
    width = static_cast<float>(picture_width);
  }
  if (user_.flip_horizontal) FlipHorizontal(poses, width);
}

}  // namespace posenet
