// Ankle tracks of a walk whose heel strikes are known: a side view, walking towards +x at 30
// frames a second, each foot resting on the ground until it swings forward (a raised cosine,
// lifting 10 px) and strikes; optional stop, pixel noise and missing keypoints.
#pragma once

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "posenet/analysis.h"

namespace posenet::testing {

struct WalkSpec {
  double cadence_spm = 110;
  double asymmetry = 0.04;  // left steps last (1 + a) T, right steps (1 - a) T
  int steps_before_stop = 12;
  int steps_after_stop = 12;  // 0: no stop
  double stop_s = 2.0;
  double noise_px = 2.0;  // standard deviation of every coordinate
  double missing = 0.10;  // fraction of keypoints given score 0
  double step_px = 80;    // how far the front foot is ahead at a strike
  unsigned seed = 1;
};

struct Walk {
  std::vector<Pose> poses;
  std::vector<double> times_ms;
  std::vector<double> strike_ms;  // the true heel strikes inside the recording
  std::vector<bool> strike_left;
  double true_symmetry = 0;
};

inline Walk MakeWalk(const WalkSpec& spec) {
  const double T = 60.0 / spec.cadence_spm;
  const double tl = T * (1 + spec.asymmetry), tr = T * (1 - spec.asymmetry);
  // Strike k ends a swing of foot (k odd: right, even: left) that began at 20 % of the step.
  struct Swing {
    double begin, end;
    bool left;
    double from, to;
  };
  std::vector<Swing> swings;
  std::vector<double> strikes;
  std::vector<bool> lefts;
  double t = 0, left_x = spec.step_px, right_x = 0;  // at t = 0 the left foot has just struck
  strikes.push_back(0);
  lefts.push_back(true);
  const int total = spec.steps_before_stop + spec.steps_after_stop + 1;
  for (int k = 1; k <= total; ++k) {
    const bool left = k % 2 == 0;
    const double step = left ? tl : tr;
    double begin = t + 0.2 * step;
    if (k == spec.steps_before_stop + 2 && spec.steps_after_stop > 0) begin += spec.stop_s;
    const double end = begin + 0.8 * step;
    double& x = left ? left_x : right_x;
    const double other = left ? right_x : left_x;
    swings.push_back({begin, end, left, x, other + spec.step_px});
    x = other + spec.step_px;
    t = end;
    strikes.push_back(end);
    lefts.push_back(left);
  }
  Walk walk;
  // The recording starts in the middle of the first swing and ends 0.6 s after the last strike.
  const double start = (swings[0].begin + swings[0].end) / 2, stop = t + 0.6;
  for (size_t k = 0; k < strikes.size(); ++k) {
    if (strikes[k] > start) {
      walk.strike_ms.push_back((strikes[k] - start) * 1000);
      walk.strike_left.push_back(lefts[k]);
    }
  }
  walk.true_symmetry = std::min(tl, tr) / std::max(tl, tr);
  std::mt19937 random(spec.seed);
  std::normal_distribution<double> noise(0, spec.noise_px);
  std::uniform_real_distribution<double> uniform(0, 1);
  for (double time = start; time <= stop; time += 1.0 / 30) {
    // Where each foot is: its last position, or on the way during its swing.
    double feet[2][2] = {{spec.step_px, 400}, {0, 400}};  // [left, right][x, y]
    for (const Swing& s : swings) {
      double* foot = feet[s.left ? 0 : 1];
      if (time >= s.end) {
        foot[0] = s.to;
        foot[1] = 400;
      } else if (time > s.begin) {
        const double u = (time - s.begin) / (s.end - s.begin);
        foot[0] = s.from + (s.to - s.from) * (1 - std::cos(std::numbers::pi * u)) / 2;
        foot[1] = 400 - 10 * std::sin(std::numbers::pi * u);
      }
    }
    const double body_x = (feet[0][0] + feet[1][0]) / 2;
    Pose pose;
    pose.id = 0;
    pose.score = 0.9f;
    for (int id = 0; id < kNumKeypoints; ++id) {
      double x = body_x, y = 100 + 14 * id;  // a rough upright figure
      if (id == kLeftEye || id == kRightEye) y = 60;
      if (id == kLeftHip || id == kRightHip) y = 220;
      if (id == kLeftAnkle || id == kRightAnkle) {
        x = feet[id == kLeftAnkle ? 0 : 1][0];
        y = feet[id == kLeftAnkle ? 0 : 1][1];
      }
      const bool missing = uniform(random) < spec.missing;
      pose.keypoints[id] = {static_cast<float>(x + noise(random)),
                            static_cast<float>(y + noise(random)), missing ? 0.0f : 0.9f};
    }
    walk.poses.push_back(pose);
    walk.times_ms.push_back((time - start) * 1000);
  }
  return walk;
}

}  // namespace posenet::testing
