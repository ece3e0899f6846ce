// Optional cv::Mat entry point for programs that already use OpenCV. The rest of the public API
// needs no OpenCV headers; include this one only where OpenCV is available.
//
//   cv::Mat frame = cv::imread("people.jpg");           // BGR, as OpenCV loads it
//   auto poses = posenet::Estimate(*estimator, frame);  // keypoints in frame pixels
#pragma once

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "posenet/estimator.h"

namespace posenet {

// Channel order of a 3- or 4-channel cv::Mat (OpenCV's own functions produce BGR).
enum class MatColor { kBgr, kRgb };

// Poses in an 8-bit, 2-D picture with 1 (gray), 3 or 4 (with alpha) channels. Padded rows
// (ROIs) are fine; other depths or channel counts are an error.
inline Result<std::vector<Pose>> Estimate(Estimator& estimator, const cv::Mat& picture,
                                          MatColor color = MatColor::kBgr) {
  if (picture.empty() || picture.dims != 2 || picture.depth() != CV_8U) {
    return Status::Error("cannot estimate poses: expected a non-empty 8-bit 2-D cv::Mat");
  }
  cv::Mat rgb;
  const bool bgr = color == MatColor::kBgr;
  switch (picture.channels()) {
    case 1:
      cv::cvtColor(picture, rgb, cv::COLOR_GRAY2RGB);
      break;
    case 3:
      if (bgr) {
        cv::cvtColor(picture, rgb, cv::COLOR_BGR2RGB);
      } else {
        rgb = picture;  // already RGB: borrowed, no copy
      }
      break;
    case 4:
      cv::cvtColor(picture, rgb, bgr ? cv::COLOR_BGRA2RGB : cv::COLOR_RGBA2RGB);
      break;
    default:
      return Status::Error("cannot estimate poses: cv::Mat has " +
                           std::to_string(picture.channels()) + " channels, expected 1, 3 or 4");
  }
  return estimator.Estimate(RgbView{rgb.data, rgb.cols, rgb.rows, rgb.step[0]});
}

}  // namespace posenet
