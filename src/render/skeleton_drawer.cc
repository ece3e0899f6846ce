#include "render/skeleton_drawer.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace posenet {
namespace {

// Well-separated, saturated colours that stay visible on photos.
constexpr std::array<Rgb, kPaletteSize> kPalette = {{{255, 64, 64},
                                                     {64, 160, 255},
                                                     {64, 220, 64},
                                                     {255, 200, 0},
                                                     {200, 64, 255},
                                                     {0, 220, 220},
                                                     {255, 128, 0},
                                                     {255, 64, 180},
                                                     {160, 255, 64},
                                                     {128, 128, 255}}};

// Sub-pixel precision for OpenCV's drawing functions: coordinates are in 1/16 pixels.
constexpr int kShift = 4;
constexpr float kOne = 1 << kShift;
// Keeps shifted coordinates far from int overflow; anything beyond is off any real picture.
constexpr float kMaxCoordinate = 1e6f;

bool Drawable(const Keypoint& k, float threshold) {
  return k.score >= threshold && std::isfinite(k.x) && std::isfinite(k.y) &&
         std::fabs(k.x) < kMaxCoordinate && std::fabs(k.y) < kMaxCoordinate;
}

cv::Point Fixed(const Keypoint& k) {
  return {static_cast<int>(std::lround(k.x * kOne)), static_cast<int>(std::lround(k.y * kOne))};
}

}  // namespace

Rgb PaletteColor(size_t index) { return kPalette[index % kPaletteSize]; }

Rgb PoseColor(const Pose& pose, size_t index) {
  return PaletteColor(pose.id >= 0 ? static_cast<size_t>(pose.id) : index);
}

int LineThickness(int width, int height) {
  return std::max(2, static_cast<int>(std::lround(std::min(width, height) / 200.0)));
}

void DrawPose(Image& image, const Pose& pose, Rgb color, const DrawOptions& options) {
  if (image.empty()) return;
  cv::Mat mat(image.height(), image.width(), CV_8UC3, image.data(), image.stride());
  const cv::Scalar c(color.r, color.g, color.b);  // the buffer is RGB
  const int thickness =
      options.thickness > 0 ? options.thickness : LineThickness(image.width(), image.height());
  for (const Edge& e : kDisplayEdges) {
    const Keypoint& a = pose.keypoints[e.parent];
    const Keypoint& b = pose.keypoints[e.child];
    if (!Drawable(a, options.threshold) || !Drawable(b, options.threshold)) continue;
    cv::line(mat, Fixed(a), Fixed(b), c, thickness, cv::LINE_AA, kShift);
  }
  if (!options.keypoints) return;
  const int radius = static_cast<int>(std::lround(thickness * 1.5 * kOne));
  for (const Keypoint& k : pose.keypoints) {
    if (Drawable(k, options.threshold)) {
      cv::circle(mat, Fixed(k), radius, c, cv::FILLED, cv::LINE_AA, kShift);
    }
  }
}

void DrawPoses(Image& image, const std::vector<Pose>& poses, const DrawOptions& options) {
  for (size_t i = 0; i < poses.size(); ++i) {
    DrawPose(image, poses[i], PoseColor(poses[i], i), options);
  }
}

}  // namespace posenet
