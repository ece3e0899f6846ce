// Jitter and lag of tracked keypoints, to judge smoothing (`posenet video --stats`, docs).
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "posenet/pose.h"

namespace posenet {

struct MotionStats {
  // Mean of |x[t+1] - 2 x[t] + x[t-1]| (2-D norm, pixels per frame^2) over keypoints scored
  // >= min_score in all 3 frames, of the same id. Still or steadily moving points score 0;
  // frame-to-frame shake scores high.
  double mean_acceleration_px = 0;
  int64_t samples = 0;
};

// Jitter measured as frames arrive, holding only the last three (a day of video costs no more
// memory than a second). Add() the tracked poses of each frame in order.
class JitterMeter {
 public:
  explicit JitterMeter(float min_score) : min_score_(min_score) {}
  void Add(std::vector<Pose> frame);
  MotionStats result() const;

 private:
  float min_score_;
  std::deque<std::vector<Pose>> last_;  // at most 3 frames
  double sum_ = 0;
  int64_t samples_ = 0;
};

// The same figure over a whole sequence: frames[i] = tracked poses of frame i (ids set; poses
// with id < 0 are ignored).
MotionStats MeasureJitter(const std::vector<std::vector<Pose>>& frames, float min_score);

// Lag (see MeasureLagFrames) measured as frames arrive: the squared errors of every shift are
// summed per sample as it completes, holding only the last floor(max_shift) + 1 raw frames.
class LagMeter {
 public:
  explicit LagMeter(float min_score, double max_shift = 5.0);
  void Add(std::vector<Pose> raw, const std::vector<Pose>& smoothed);
  double result() const;

 private:
  float min_score_;
  double max_shift_;
  int depth_;                          // floor(max_shift) + 1 raw frames per sample
  std::deque<std::vector<Pose>> raw_;  // the newest first
  std::vector<double> error_sum_;      // per shift, over every sample so far
  int64_t samples_ = 0;
};

// Lag of `smoothed` behind `raw` (the same detections and ids, smoothed or not), in frames:
// the shift s in [0, max_shift] minimizing the mean squared distance between smoothed[t] and
// raw[t - s], over whole shifts, refined to a fraction by the vertex of the parabola through
// the best shift and its neighbours (through 0, 1, 2 when the best is 0). The samples are the
// keypoints scored >= min_score in smoothed[t] and in raw[t - floor(max_shift) .. t] (same
// id): the same samples for every shift. NaN when there are none.
double MeasureLagFrames(const std::vector<std::vector<Pose>>& raw,
                        const std::vector<std::vector<Pose>>& smoothed, float min_score,
                        double max_shift = 5.0);

}  // namespace posenet
