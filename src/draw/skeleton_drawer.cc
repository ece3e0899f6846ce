#include "draw/skeleton_drawer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

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

// Anything beyond is off any real picture; keeps the arithmetic far from overflow.
constexpr float kMaxCoordinate = 1e6f;

bool Drawable(const Keypoint& k, float threshold) {
  return k.score >= threshold && std::isfinite(k.x) && std::isfinite(k.y) &&
         std::fabs(k.x) < kMaxCoordinate && std::fabs(k.y) < kMaxCoordinate;
}

// Blends one colour into the pixels of a canvas by coverage (1: the exact colour).
class Painter {
 public:
  Painter(const Canvas& canvas, Rgb color)
      : canvas_(canvas),
        step_(BytesPerPixel(canvas.format)),
        red_(IsBlueFirst(canvas.format) ? 2 : 0),
        color_(color) {}

  int width() const { return canvas_.width; }
  int height() const { return canvas_.height; }

  void Blend(int x, int y, double coverage) {
    if (coverage <= 0) return;
    uint8_t* p = canvas_.data + static_cast<size_t>(y) * canvas_.stride +
                 static_cast<size_t>(x) * static_cast<size_t>(step_);
    Mix(p[red_], color_.r, coverage);
    Mix(p[1], color_.g, coverage);
    Mix(p[2 - red_], color_.b, coverage);
  }

 private:
  static void Mix(uint8_t& under, uint8_t over, double coverage) {
    if (coverage >= 1) {
      under = over;
      return;
    }
    under = static_cast<uint8_t>(std::lround(under + (over - under) * coverage));
  }

  const Canvas& canvas_;
  int step_, red_;
  Rgb color_;
};

// Coverage of a pixel centre at distance `d` from a shape's edge line drawn `half` wide: 1 up
// to half - 0.5, falling linearly to 0 at half + 0.5.
double Coverage(double d, double half) { return std::clamp(half + 0.5 - d, 0.0, 1.0); }

// First and last pixel index within [lo, hi] on a side of `size` pixels; empty when last < first.
std::pair<int, int> PixelRange(double lo, double hi, int size) {
  return {static_cast<int>(std::max(0.0, std::ceil(lo))),
          static_cast<int>(std::min(size - 1.0, std::floor(hi)))};
}

// The segment a-b, `half` pixels to each side. Row by row, only the columns near the part of
// the segment that passes the row are visited, so the work follows the drawn area.
void FillSegment(Painter& painter, double ax, double ay, double bx, double by, double half) {
  const double reach = half + 0.5;  // beyond this, coverage is 0
  const double dx = bx - ax, dy = by - ay, length2 = dx * dx + dy * dy;
  const auto [y0, y1] =
      PixelRange(std::min(ay, by) - reach, std::max(ay, by) + reach, painter.height());
  for (int y = y0; y <= y1; ++y) {
    double t0 = 0, t1 = 1;  // the part of the segment within `reach` of row y, vertically
    if (dy != 0) {
      const double ta = (y - reach - ay) / dy, tb = (y + reach - ay) / dy;
      t0 = std::max(0.0, std::min(ta, tb));
      t1 = std::min(1.0, std::max(ta, tb));
      if (t0 > t1) continue;
    }
    const double xa = ax + t0 * dx, xb = ax + t1 * dx;
    const auto [x0, x1] =
        PixelRange(std::min(xa, xb) - reach, std::max(xa, xb) + reach, painter.width());
    for (int x = x0; x <= x1; ++x) {
      // Distance from the pixel centre to the nearest point of the segment.
      double t = length2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / length2 : 0;
      t = std::clamp(t, 0.0, 1.0);
      const double d = std::hypot(x - (ax + t * dx), y - (ay + t * dy));
      painter.Blend(x, y, Coverage(d, half));
    }
  }
}

void FillDisc(Painter& painter, double cx, double cy, double radius) {
  const double reach = radius + 0.5;
  const auto [y0, y1] = PixelRange(cy - reach, cy + reach, painter.height());
  const auto [x0, x1] = PixelRange(cx - reach, cx + reach, painter.width());
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      painter.Blend(x, y, Coverage(std::hypot(x - cx, y - cy), radius));
    }
  }
}

Status CheckCanvas(const Canvas& canvas, const DrawOptions& options) {
  const int pixel_bytes = BytesPerPixel(canvas.format);
  if (pixel_bytes == 0) return Status::Error("cannot draw poses: unknown pixel format");
  if (canvas.width < 0 || canvas.height < 0) {
    return Status::Error("cannot draw poses: negative picture size");
  }
  if (canvas.width > 0 && canvas.height > 0 &&
      (canvas.data == nullptr ||
       canvas.stride < static_cast<size_t>(canvas.width) * static_cast<size_t>(pixel_bytes))) {
    return Status::Error("cannot draw poses: picture without pixels or with a bad stride");
  }
  if (options.thickness < 0) {
    return Status::Error("cannot draw poses: negative thickness " +
                         std::to_string(options.thickness));
  }
  return Status::Ok();
}

}  // namespace

Rgb PaletteColor(size_t index) { return kPalette[index % kPaletteSize]; }

Rgb PoseColor(const Pose& pose, size_t index) {
  return PaletteColor(pose.id >= 0 ? static_cast<size_t>(pose.id) : index);
}

int LineThickness(int width, int height) {
  return std::max(2, static_cast<int>(std::lround(std::min(width, height) / 200.0)));
}

Status DrawPose(const Canvas& canvas, const Pose& pose, Rgb color, const DrawOptions& options) {
  POSENET_RETURN_IF_ERROR(CheckCanvas(canvas, options));
  if (canvas.width == 0 || canvas.height == 0) return Status::Ok();
  Painter painter(canvas, color);
  const int thickness =
      options.thickness > 0 ? options.thickness : LineThickness(canvas.width, canvas.height);
  for (const Edge& e : kDisplayEdges) {
    const Keypoint& a = pose.keypoints[e.parent];
    const Keypoint& b = pose.keypoints[e.child];
    if (!Drawable(a, options.threshold) || !Drawable(b, options.threshold)) continue;
    FillSegment(painter, a.x, a.y, b.x, b.y, thickness / 2.0);
  }
  if (!options.keypoints) return Status::Ok();
  for (const Keypoint& k : pose.keypoints) {
    if (Drawable(k, options.threshold)) FillDisc(painter, k.x, k.y, thickness * 1.5);
  }
  return Status::Ok();
}

Status DrawPoses(const Canvas& canvas, const std::vector<Pose>& poses, const DrawOptions& options) {
  POSENET_RETURN_IF_ERROR(CheckCanvas(canvas, options));
  for (size_t i = 0; i < poses.size(); ++i) {
    POSENET_RETURN_IF_ERROR(DrawPose(canvas, poses[i], PoseColor(poses[i], i), options));
  }
  return Status::Ok();
}

namespace {
Canvas ImageCanvas(Image& image) {
  return Canvas{image.data(), image.width(), image.height(), image.stride(), PixelFormat::kRgb};
}
}  // namespace

void DrawPose(Image& image, const Pose& pose, Rgb color, const DrawOptions& options) {
  (void)DrawPose(ImageCanvas(image), pose, color, options);  // an Image is always a valid canvas
}

void DrawPoses(Image& image, const std::vector<Pose>& poses, const DrawOptions& options) {
  (void)DrawPoses(ImageCanvas(image), poses, options);
}

}  // namespace posenet
