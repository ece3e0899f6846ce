#include "decode/pose_transform.h"

#include "decode/pose_util.h"

namespace posenet {

PictureMapping StretchMapping(int picture_w, int picture_h, int model_w, int model_h) {
  PictureMapping m;
  if (model_w > 0) m.scale_x = static_cast<float>(picture_w) / static_cast<float>(model_w);
  if (model_h > 0) m.scale_y = static_cast<float>(picture_h) / static_cast<float>(model_h);
  return m;
}

Pose ToPicture(const Pose& pose, const PictureMapping& mapping) {
  Pose out = pose;
  for (Keypoint& k : out.keypoints) {
    k.x = (k.x - mapping.pad_left) * mapping.scale_x;
    k.y = (k.y - mapping.pad_top) * mapping.scale_y;
  }
  out.box = KeypointBox(out);
  return out;
}

void ToPicture(std::vector<Pose>& poses, const PictureMapping& mapping) {
  for (Pose& p : poses) p = ToPicture(p, mapping);
}

Pose FlipHorizontal(const Pose& pose, float width) {
  Pose out = pose;
  for (Keypoint& k : out.keypoints) k.x = width - 1 - k.x;
  out.box = KeypointBox(out);
  return out;
}

void FlipHorizontal(std::vector<Pose>& poses, float width) {
  for (Pose& p : poses) p = FlipHorizontal(p, width);
}

}  // namespace posenet
