// Poses as COCO keypoint detection results, the format COCO's evaluation reads:
//   [{"image_id": 139, "category_id": 1, "keypoints": [x, y, v, ... 17], "score": 0.7}, ...]
// v is the keypoint's confidence (COCO's evaluation ignores it in results). One entry per
// pose, pictures in the order given.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "posenet/pose.h"

namespace posenet {

struct CocoImagePoses {
  int64_t image_id = 0;
  std::vector<Pose> poses;
};

std::string CocoResultsJson(const std::vector<CocoImagePoses>& images);

// image_id for each picture path: when every file name stem is a decimal number (as in
// COCO's own 000000000139.jpg) and no two are equal, that number; otherwise the picture's
// 1-based position in `paths`.
std::vector<int64_t> AssignCocoImageIds(const std::vector<std::string>& paths);

}  // namespace posenet
