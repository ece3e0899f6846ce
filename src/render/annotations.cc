#include "render/annotations.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace posenet {

namespace {

// Text thickness and scale grow with the picture, as the skeleton's lines do.
int TextThickness(int width, int height) { return std::max(1, LineThickness(width, height) / 2); }
double TextScale(int width, int height) { return std::max(0.5, std::min(width, height) / 900.0); }

// The height of DrawLabel's box in a width x height picture.
int LabelHeight(int width, int height) {
  const int thickness = TextThickness(width, height);
  int baseline = 0;
  const cv::Size size = cv::getTextSize("Ag", cv::FONT_HERSHEY_SIMPLEX, TextScale(width, height),
                                        thickness, &baseline);
  return size.height + baseline + 6 * thickness;
}

}  // namespace

void DrawLabel(Image& image, float x, float y, const std::string& text, Rgb color) {
  if (image.empty() || text.empty() || !std::isfinite(x) || !std::isfinite(y)) return;
  x = std::clamp(x, -1e6f, 1e6f);
  y = std::clamp(y, -1e6f, 1e6f);
  cv::Mat mat(image.height(), image.width(), CV_8UC3, image.data(), image.stride());
  const int thickness = TextThickness(image.width(), image.height());
  const double scale = TextScale(image.width(), image.height());
  int baseline = 0;
  const cv::Size size =
      cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, thickness, &baseline);
  const int pad = thickness * 3;
  const int w = size.width + 2 * pad, h = size.height + baseline + 2 * pad;
  const int left = std::clamp(static_cast<int>(std::lround(x)), 0, std::max(0, image.width() - w));
  const int top = std::clamp(static_cast<int>(std::lround(y)), 0, std::max(0, image.height() - h));
  cv::rectangle(mat, cv::Rect(left, top, w, h), cv::Scalar(color.r, color.g, color.b), cv::FILLED);
  cv::putText(mat, text, cv::Point(left + pad, top + pad + size.height), cv::FONT_HERSHEY_SIMPLEX,
              scale, cv::Scalar(255, 255, 255), thickness, cv::LINE_AA);
}

std::string PoseLabel(const Pose& pose) {
  char text[64];
  if (pose.id >= 0) {
    std::snprintf(text, sizeof(text), "id %d  %.2f", pose.id, pose.score);
  } else {
    std::snprintf(text, sizeof(text), "%.2f", pose.score);
  }
  return text;
}

void DrawPoseLabels(Image& image, const std::vector<Pose>& poses, float threshold) {
  const int gap = 2 * LineThickness(image.width(), image.height());
  const float above = static_cast<float>(LabelHeight(image.width(), image.height()) + gap);
  for (size_t i = 0; i < poses.size(); ++i) {
    float left = INFINITY, top = INFINITY;
    for (const Keypoint& k : poses[i].keypoints) {
      if (k.score < threshold || !std::isfinite(k.x) || !std::isfinite(k.y)) continue;
      left = std::min(left, k.x);
      top = std::min(top, k.y);
    }
    if (!std::isfinite(left)) continue;  // nothing drawn, no label
    DrawLabel(image, left, top - above, PoseLabel(poses[i]), PoseColor(poses[i], i));
  }
}

Image PoseThumbnail(const ImageView& frame, const Pose& pose, int height,
                    const DrawOptions& options) {
  float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
  for (const Keypoint& k : pose.keypoints) {
    if (!std::isfinite(k.x) || !std::isfinite(k.y)) continue;
    x0 = std::min(x0, k.x), y0 = std::min(y0, k.y), x1 = std::max(x1, k.x), y1 = std::max(y1, k.y);
  }
  if (frame.empty() || height <= 0 || x0 > x1) return {};
  // In double and clamped before any conversion to int: keypoints may be anywhere (hostile
  // results files), the crop never leaves the picture.
  const double margin = 0.15 * std::max<double>(x1 - x0, y1 - y0) + 8;
  auto inside = [](double v, int lo, int hi) {
    return static_cast<int>(std::clamp(v, static_cast<double>(lo), static_cast<double>(hi)));
  };
  const int left = inside(std::floor(x0 - margin), 0, frame.width - 1);
  const int top = inside(std::floor(y0 - margin), 0, frame.height - 1);
  const int right = inside(std::ceil(x1 + margin), left + 1, frame.width);
  const int bottom = inside(std::ceil(y1 + margin), top + 1, frame.height);
  Image crop(right - left, bottom - top);
  for (int y = top; y < bottom; ++y) {
    std::memcpy(crop.row(y - top), frame.pixel(left, y), static_cast<size_t>(crop.width()) * 3);
  }
  Pose moved = pose;
  for (Keypoint& k : moved.keypoints) k.x -= left, k.y -= top;
  DrawPose(crop, moved, PoseColor(pose, 0), options);
  // At most four times as wide as high: a pose spread along a line still gives a thumbnail.
  const double scaled = crop.width() * static_cast<double>(height) / crop.height();
  const int width = static_cast<int>(std::clamp(std::round(scaled), 1.0, 4.0 * height));
  Image out(width, height);
  const cv::Mat src(crop.height(), crop.width(), CV_8UC3, crop.data(), crop.stride());
  cv::Mat dst(out.height(), out.width(), CV_8UC3, out.data(), out.stride());
  cv::resize(src, dst, dst.size(), 0, 0, cv::INTER_AREA);
  return out;
}

}  // namespace posenet
