// Optional cv::Mat entry points for programs that already use OpenCV: poses from a cv::Mat and
// skeletons drawn on one. The rest of the public API needs no OpenCV headers; include this one
// only where OpenCV is available (CMake: link posenet::opencv, find_package(posenet COMPONENTS
// opencv)).
//
//   cv::Mat frame = cv::imread("people.jpg");           // BGR, as OpenCV loads it
//   auto poses = posenet::Estimate(*estimator, frame);  // keypoints in frame pixels
//   posenet::DrawPoses(frame, *poses);
#pragma once

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "posenet/draw.h"
#include "posenet/estimator.h"

namespace posenet {

// Channel order of a 3- or 4-channel cv::Mat (OpenCV's own functions produce BGR).
enum class MatColor { kBgr, kRgb };

namespace opencv_detail {

// The pixel format of an 8-bit 2-D cv::Mat with 3 or 4 channels, or an error: "cannot <what>:
// ...", naming the channel counts `allowed`.
inline Result<PixelFormat> MatFormat(const cv::Mat& picture, MatColor color, const char* what,
                                     const char* allowed) {
  if (picture.empty() || picture.dims != 2 || picture.depth() != CV_8U) {
    return Status::Error(std::string("cannot ") + what +
                         ": expected a non-empty 8-bit 2-D cv::Mat");
  }
  const bool bgr = color == MatColor::kBgr;
  switch (picture.channels()) {
    case 3:
      return bgr ? PixelFormat::kBgr : PixelFormat::kRgb;
    case 4:
      return bgr ? PixelFormat::kBgra : PixelFormat::kRgba;
    default:
      return Status::Error(std::string("cannot ") + what + ": cv::Mat has " +
                           std::to_string(picture.channels()) + " channels, expected " + allowed);
  }
}

}  // namespace opencv_detail

// Poses in an 8-bit, 2-D picture with 1 (gray), 3 or 4 (with alpha) channels. Padded rows
// (ROIs) are fine; colour pictures are read in place, gray ones expanded to RGB first; other
// depths or channel counts are an error.
inline Result<std::vector<Pose>> Estimate(Estimator& estimator, const cv::Mat& picture,
                                          MatColor color = MatColor::kBgr) {
  if (!picture.empty() && picture.dims == 2 && picture.depth() == CV_8U &&
      picture.channels() == 1) {
    cv::Mat rgb;
    cv::cvtColor(picture, rgb, cv::COLOR_GRAY2RGB);
    return estimator.Estimate(RgbView{rgb.data, rgb.cols, rgb.rows, rgb.step[0]});
  }
  POSENET_ASSIGN_OR_RETURN(const PixelFormat format,
                           opencv_detail::MatFormat(picture, color, "estimate poses", "1, 3 or 4"));
  return estimator.Estimate(
      RgbView{picture.data, picture.cols, picture.rows, picture.step[0], format});
}

// Draws `poses` (posenet/draw.h) on an 8-bit 2-D picture with 3 or 4 channels, in place.
inline Status DrawPoses(cv::Mat& picture, const std::vector<Pose>& poses,
                        MatColor color = MatColor::kBgr, const DrawOptions& options = {}) {
  POSENET_ASSIGN_OR_RETURN(const PixelFormat format,
                           opencv_detail::MatFormat(picture, color, "draw poses", "3 or 4"));
  return DrawPoses(Canvas{picture.data, picture.cols, picture.rows, picture.step[0], format}, poses,
                   options);
}

}  // namespace posenet
