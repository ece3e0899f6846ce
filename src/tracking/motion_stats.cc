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

}  // namespace

void JitterMeter::Add(std::vector<Pose> frame) {
  last_.push_back(std::move(frame));
  if (last_.size() < 3) return;
  // The middle frame now has both neighbours.
  for (const Pose& now : last_[1]) {
    if (now.id < 0) continue;
    const Pose* before = FindId(last_[0], now.id);
    const Pose* after = FindId(last_[2], now.id);
    if (before == nullptr || after == nullptr) continue;
    for (int k = 0; k < kNumKeypoints; ++k) {
      const Keypoint& a = before->keypoints[k];
      const Keypoint& b = now.keypoints[k];
      const Keypoint& c = after->keypoints[k];
      if (a.score < min_score_ || b.score < min_score_ || c.score < min_score_) continue;
      const double ax = double(c.x) - 2.0 * b.x + a.x;
      const double ay = double(c.y) - 2.0 * b.y + a.y;
      sum_ += std::hypot(ax, ay);
      ++samples_;
    }
  }
  last_.pop_front();
}

MotionStats JitterMeter::result() const {
  MotionStats stats;
  stats.samples = samples_;
  if (samples_ > 0) stats.mean_acceleration_px = sum_ / double(samples_);
  return stats;
}

MotionStats MeasureJitter(const std::vector<std::vector<Pose>>& frames, float min_score) {
  JitterMeter meter(min_score);
  for (const std::vector<Pose>& frame : frames) meter.Add(frame);
  return meter.result();
}

LagMeter::LagMeter(float min_score, double max_shift)
    : min_score_(min_score),
      max_shift_(std::max(0.0, max_shift)),
      depth_(static_cast<int>(std::floor(max_shift_)) + 1),
      error_sum_(static_cast<size_t>(depth_), 0.0) {}

void LagMeter::Add(std::vector<Pose> raw, const std::vector<Pose>& smoothed) {
  raw_.push_front(std::move(raw));
  if (static_cast<int>(raw_.size()) > depth_) raw_.pop_back();
  if (static_cast<int>(raw_.size()) < depth_) return;
  // Samples: every confident keypoint of a smoothed pose whose id is confident in the last
  // depth_ raw frames, so that the same samples serve every shift and errors compare fairly.
  std::vector<const Pose*> history(static_cast<size_t>(depth_));
  for (const Pose& s : smoothed) {
    if (s.id < 0) continue;
    bool complete = true;
    for (int j = 0; j < depth_ && complete; ++j) {
      history[j] = FindId(raw_[j], s.id);
      complete = history[j] != nullptr;
    }
    if (!complete) continue;
    for (int k = 0; k < kNumKeypoints; ++k) {
      bool confident = s.keypoints[k].score >= min_score_;
      for (const Pose* r : history) confident = confident && r->keypoints[k].score >= min_score_;
      if (!confident) continue;
      const Keypoint& m = s.keypoints[k];
      for (int shift = 0; shift < depth_; ++shift) {
        const Keypoint& r = history[shift]->keypoints[k];
        const double dx = double(m.x) - r.x;
        const double dy = double(m.y) - r.y;
        error_sum_[shift] += dx * dx + dy * dy;
      }
      ++samples_;
    }
  }
}

double LagMeter::result() const {
  if (samples_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const int last = depth_ - 1;
  std::vector<double> error(error_sum_.size());
  int best = 0;
  for (int s = 0; s <= last; ++s) {
    error[s] = error_sum_[s] / double(samples_);
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
  return std::clamp(vertex, std::max(0.0, best - 0.5), std::min(max_shift_, best + 0.5));
}

double MeasureLagFrames(const std::vector<std::vector<Pose>>& raw,
                        const std::vector<std::vector<Pose>>& smoothed, float min_score,
                        double max_shift) {
  LagMeter meter(min_score, max_shift);
  const size_t frames = std::min(raw.size(), smoothed.size());
  for (size_t t = 0; t < frames; ++t) meter.Add(raw[t], smoothed[t]);
  return meter.result();
}

}  // namespace posenet
