#include "tracking/motion_stats.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace posenet {
namespace {

// The pose with this id in a frame, or nullptr.
const Pose* FindId(const std::vector<Pose>& frame, int id) {
  for (const Pose& p : frame) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

// Mean squared keypoint distance between smoothed[t] and raw[t - shift]; NaN without pairs.
double ShiftError(const std::vector<std::vector<Pose>>& raw,
                  const std::vector<std::vector<Pose>>& smoothed, float min_score, int shift) {
  double sum = 0;
  int64_t count = 0;
  const size_t frames = std::min(raw.size(), smoothed.size());
  for (size_t t = static_cast<size_t>(shift); t < frames; ++t) {
    for (const Pose& s : smoothed[t]) {
      if (s.id < 0) continue;
      const Pose* r = FindId(raw[t - shift], s.id);
      if (r == nullptr) continue;
      for (int k = 0; k < kNumKeypoints; ++k) {
        if (s.keypoints[k].score < min_score || r->keypoints[k].score < min_score) continue;
        const double dx = double(s.keypoints[k].x) - r->keypoints[k].x;
        const double dy = double(s.keypoints[k].y) - r->keypoints[k].y;
        sum += dx * dx + dy * dy;
        ++count;
      }
    }
  }
  return count == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / double(count);
}

}  // namespace

MotionStats MeasureJitter(const std::vector<std::vector<Pose>>& frames, float min_score) {
  MotionStats stats;
  double sum = 0;
  for (size_t t = 1; t + 1 < frames.size(); ++t) {
    for (const Pose& now : frames[t]) {
      if (now.id < 0) continue;
      const Pose* before = FindId(frames[t - 1], now.id);
      const Pose* after = FindId(frames[t + 1], now.id);
      if (before == nullptr || after == nullptr) continue;
      for (int k = 0; k < kNumKeypoints; ++k) {
        const Keypoint& a = before->keypoints[k];
        const Keypoint& b = now.keypoints[k];
        const Keypoint& c = after->keypoints[k];
        if (a.score < min_score || b.score < min_score || c.score < min_score) continue;
        const double ax = double(c.x) - 2.0 * b.x + a.x;
        const double ay = double(c.y) - 2.0 * b.y + a.y;
        sum += std::hypot(ax, ay);
        ++stats.samples;
      }
    }
  }
  if (stats.samples > 0) stats.mean_acceleration_px = sum / double(stats.samples);
  return stats;
}

double MeasureLagFrames(const std::vector<std::vector<Pose>>& raw,
                        const std::vector<std::vector<Pose>>& smoothed, float min_score,
                        double max_shift) {
  const int last = std::max(0, static_cast<int>(std::floor(max_shift)));
  std::vector<double> error(static_cast<size_t>(last) + 1);
  int best = -1;
  for (int s = 0; s <= last; ++s) {
    error[s] = ShiftError(raw, smoothed, min_score, s);
    if (!std::isnan(error[s]) && (best < 0 || error[s] < error[best])) best = s;
  }
  if (best < 0) return std::numeric_limits<double>::quiet_NaN();
  double lag = best;
  if (best > 0 && best < last && !std::isnan(error[best - 1]) && !std::isnan(error[best + 1])) {
    // Vertex of the parabola through (best-1, e-), (best, e0), (best+1, e+).
    const double em = error[best - 1], e0 = error[best], ep = error[best + 1];
    const double curvature = em - 2.0 * e0 + ep;
    if (curvature > 0) lag += 0.5 * (em - ep) / curvature;
  }
  return std::clamp(lag, 0.0, max_shift);
}

}  // namespace posenet
