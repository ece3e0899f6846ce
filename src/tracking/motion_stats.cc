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

// One (frame, id, keypoint) whose raw history reaches back far enough for every shift.
struct LagSample {
  size_t frame;
  const Pose* smoothed;
  std::vector<const Pose*> raw;  // raw[j] = the same id in raw frame `frame - j`
  int keypoint;
};

// Every confident keypoint of `smoothed` whose id is confident in the `depth` raw frames up to
// and including its own frame: the same samples serve every shift, so errors compare fairly.
std::vector<LagSample> LagSamples(const std::vector<std::vector<Pose>>& raw,
                                  const std::vector<std::vector<Pose>>& smoothed, float min_score,
                                  int depth) {
  std::vector<LagSample> samples;
  const size_t frames = std::min(raw.size(), smoothed.size());
  for (size_t t = static_cast<size_t>(depth - 1); t < frames; ++t) {
    for (const Pose& s : smoothed[t]) {
      if (s.id < 0) continue;
      std::vector<const Pose*> history;
      for (int j = 0; j < depth; ++j) {
        const Pose* r = FindId(raw[t - j], s.id);
        if (r == nullptr) break;
        history.push_back(r);
      }
      if (static_cast<int>(history.size()) < depth) continue;
      for (int k = 0; k < kNumKeypoints; ++k) {
        bool confident = s.keypoints[k].score >= min_score;
        for (const Pose* r : history) confident = confident && r->keypoints[k].score >= min_score;
        if (confident) samples.push_back({t, &s, history, k});
      }
    }
  }
  return samples;
}

// Mean squared distance between smoothed[t] and raw[t - shift].
double ShiftError(const std::vector<LagSample>& samples, int shift) {
  double sum = 0;
  for (const LagSample& s : samples) {
    const Keypoint& r = s.raw[shift]->keypoints[s.keypoint];
    const Keypoint& m = s.smoothed->keypoints[s.keypoint];
    const double dx = double(m.x) - r.x;
    const double dy = double(m.y) - r.y;
    sum += dx * dx + dy * dy;
  }
  return sum / double(samples.size());
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
  max_shift = std::max(0.0, max_shift);
  const int last = static_cast<int>(std::floor(max_shift));
  const std::vector<LagSample> samples = LagSamples(raw, smoothed, min_score, last + 1);
  if (samples.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::vector<double> error(static_cast<size_t>(last) + 1);
  int best = 0;
  for (int s = 0; s <= last; ++s) {
    error[s] = ShiftError(samples, s);
    if (error[s] < error[best]) best = s;
  }
  if (last < 2) return best;
  // The vertex of the parabola through three neighbouring shifts centred on the best one
  // (on 0, 1, 2 when the best is 0, so lags under half a frame still come out fractional).
  const int centre = std::clamp(best, 1, last - 1);
  const double em = error[centre - 1], e0 = error[centre], ep = error[centre + 1];
  const double curvature = em - 2.0 * e0 + ep;
  if (!(curvature > 0) || best == last) return best;
  const double vertex = centre + 0.5 * (em - ep) / curvature;
  return std::clamp(vertex, std::max(0.0, best - 0.5), std::min(max_shift, best + 0.5));
}

}  // namespace posenet
