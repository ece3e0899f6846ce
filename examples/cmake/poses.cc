// poses: the people in a picture, through posenet's C++ API and its OpenCV header.
//
//   poses MODEL.tflite PICTURE [DRAWN.png]
//
// Prints each pose as a line "pose INDEX SCORE" followed by 17 lines "NAME X Y SCORE"
// (keypoints in picture pixels), and with a third argument writes the picture with the
// skeletons drawn on it.
#include <cstdio>
#include <opencv2/imgcodecs.hpp>

#include "posenet/estimator.h"
#include "posenet/opencv.h"
#include "posenet/version.h"

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s MODEL.tflite PICTURE [DRAWN.png]   (posenet %s)\n", argv[0],
                 POSENET_VERSION);
    return 2;
  }
  auto model = posenet::Model::Load(argv[1]);
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.message().c_str());
    return 1;
  }
  posenet::EstimatorOptions options;
  options.session.threads = 2;
  auto estimator = posenet::Estimator::Create(*model, options);
  if (!estimator.ok()) {
    std::fprintf(stderr, "%s\n", estimator.message().c_str());
    return 1;
  }
  cv::Mat picture = cv::imread(argv[2]);  // BGR
  if (picture.empty()) {
    std::fprintf(stderr, "%s: cannot read picture\n", argv[2]);
    return 1;
  }
  auto poses = posenet::Estimate(**estimator, picture);
  if (!poses.ok()) {
    std::fprintf(stderr, "%s: %s\n", argv[2], poses.message().c_str());
    return 1;
  }
  for (size_t i = 0; i < poses->size(); ++i) {
    const posenet::Pose& pose = (*poses)[i];
    std::printf("pose %zu %.9g\n", i, pose.score);
    for (int k = 0; k < posenet::kNumKeypoints; ++k) {
      const posenet::Keypoint& p = pose.keypoints[k];
      std::printf("%s %.9g %.9g %.9g\n", posenet::KeypointName(k).data(), p.x, p.y, p.score);
    }
  }
  if (argc == 4) {
    posenet::Status drawn = posenet::DrawPoses(picture, *poses);
    if (!drawn.ok() || !cv::imwrite(argv[3], picture)) {
      std::fprintf(stderr, "%s: cannot write picture %s\n", argv[3], drawn.message().c_str());
      return 1;
    }
  }
  return 0;
}
