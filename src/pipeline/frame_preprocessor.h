// The preprocess stage: resizes each frame to the model input on its own thread, so the
// inference thread only runs the network and decodes (bilinear resizing costs as much as a
// quarter of a small model's run).
//
// The Estimator then receives pictures already at its input size. It is created with
// EstimatorOptionsForResized(): stretch, nearest, keypoints in model space and no mirroring,
// which at an unchanged size makes its own resize an exact copy and its output model-input
// pixels. MapToPicture applies the real transform (and mirroring) afterwards, so the poses
// equal what Estimate gives on the whole frame with the user's options.
#pragma once

#include <vector>

#include "base/status.h"
#include "image/image.h"
#include "image/input_transform.h"
#include "image/resize.h"
#include "posenet/estimator.h"

namespace posenet {

class FramePreprocessor {
 public:
  // `user`: the options the poses must look computed with; model_w x model_h: the input size
  // of an Estimator created with them.
  FramePreprocessor(const EstimatorOptions& user, int model_w, int model_h);

  EstimatorOptions EstimatorOptionsForResized() const;

  // Resizes `frame` into `input` (model size). Errors like Estimator::Estimate's.
  Result<InputTransform> Resize(const ImageView& frame, Image& input) const;

  // Model-input pixels to picture pixels (unless the user asked for model space), then
  // mirrored if asked. `picture_width`: the frame's width.
  void MapToPicture(std::vector<Pose>& poses, const InputTransform& transform,
                    int picture_width) const;

 private:
  EstimatorOptions user_;
  int model_w_, model_h_;
  ResizeOptions resize_;
};

}  // namespace posenet
