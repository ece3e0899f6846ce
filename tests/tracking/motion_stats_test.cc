#include "tracking/motion_stats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace posenet {
namespace {

// A pose whose keypoint k sits at (x + k, y + 2k), all scored `score`.
Pose At(int id, double x, double y, float score = 0.9f) {
  Pose p;
  p.id = id;
  for (int k = 0; k < kNumKeypoints; ++k) {
    p.keypoints[k] = {float(x + k), float(y + 2 * k), score};
  }
  return p;
}

TEST(MeasureJitter, QuadraticMotionHasConstantAcceleration) {
  // x = t^2: x[t+1] - 2 x[t] + x[t-1] = 2 for every t; y still.
  std::vector<std::vector<Pose>> frames;
  for (int t = 0; t < 10; ++t) frames.push_back({At(0, double(t) * t, 50)});
  const MotionStats s = MeasureJitter(frames, 0.5f);
  EXPECT_DOUBLE_EQ(s.mean_acceleration_px, 2.0);
  EXPECT_EQ(s.samples, 8 * kNumKeypoints);  // frames 1..8 have both neighbours
}

TEST(MeasureJitter, TakesTheTwoDimensionalNorm) {
  // x = 1.5 t^2, y = 2 t^2: acceleration (3, 4), norm 5. Steady motion adds nothing.
  std::vector<std::vector<Pose>> frames;
  for (int t = 0; t < 6; ++t) frames.push_back({At(3, 1.5 * t * t + 7 * t, 2.0 * t * t - t)});
  EXPECT_NEAR(MeasureJitter(frames, 0.5f).mean_acceleration_px, 5.0, 1e-4);
}

TEST(MeasureJitter, PairsPosesByIdAndSkipsUnconfidentKeypoints) {
  // Person 0 shakes +-1 (acceleration 4 every frame); person 1 moves steadily (0). Their order
  // in the frame changes, which must not matter.
  std::vector<std::vector<Pose>> frames;
  for (int t = 0; t < 5; ++t) {
    const Pose shaky = At(0, t % 2 == 0 ? 1 : -1, 0);
    const Pose steady = At(1, 100 + 3 * t, 0);
    frames.push_back(t % 2 == 0 ? std::vector<Pose>{shaky, steady}
                                : std::vector<Pose>{steady, shaky});
  }
  frames[2][1].keypoints[kNose].score = 0.1f;  // steady's nose in frame 2 (frames 1..3 lose it)
  const MotionStats s = MeasureJitter(frames, 0.5f);
  // shaky: 3 frames x 17 keypoints of 4; steady: 3 x 17 - 3 of 0.
  EXPECT_EQ(s.samples, 3 * 17 + 3 * 17 - 3);
  EXPECT_NEAR(s.mean_acceleration_px, 4.0 * 51 / 99, 1e-9);
}

TEST(MeasureJitter, NoTripletsNoSamples) {
  std::vector<std::vector<Pose>> frames = {{At(0, 0, 0)}, {At(0, 1, 0)}, {At(1, 2, 0)}};
  const MotionStats s = MeasureJitter(frames, 0.5f);
  EXPECT_EQ(s.samples, 0);
  EXPECT_EQ(s.mean_acceleration_px, 0.0);
}

// raw: a ramp with a wobble; smoothed[t] = raw[t - shift] (missing for t < shift).
void MakeShifted(int shift, std::vector<std::vector<Pose>>& raw,
                 std::vector<std::vector<Pose>>& smoothed) {
  auto x = [](int t) { return 4.0 * t + 30.0 * std::sin(t / 4.0); };
  auto y = [](int t) { return 200.0 + 20.0 * std::cos(t / 6.0); };
  for (int t = 0; t < 200; ++t) {
    raw.push_back({At(0, x(t), y(t))});
    smoothed.push_back(t >= shift ? std::vector<Pose>{At(0, x(t - shift), y(t - shift))}
                                  : std::vector<Pose>{});
  }
}

TEST(MeasureLagFrames, FindsAnExactShiftOfTwoFrames) {
  std::vector<std::vector<Pose>> raw, smoothed;
  MakeShifted(2, raw, smoothed);
  EXPECT_NEAR(MeasureLagFrames(raw, smoothed, 0.5f), 2.0, 0.05);
}

TEST(MeasureLagFrames, IdenticalSequencesHaveNoLag) {
  std::vector<std::vector<Pose>> raw, smoothed;
  MakeShifted(0, raw, smoothed);
  EXPECT_NEAR(MeasureLagFrames(raw, smoothed, 0.5f), 0.0, 1e-9);
}

TEST(MeasureLagFrames, RefinesBetweenWholeFrames) {
  // smoothed[t] = (raw[t-1] + raw[t-2]) / 2 on a straight ramp is raw at t - 1.5 exactly.
  std::vector<std::vector<Pose>> raw, smoothed;
  for (int t = 0; t < 100; ++t) {
    raw.push_back({At(0, 5.0 * t, 0)});
    smoothed.push_back(t >= 2 ? std::vector<Pose>{At(0, 5.0 * (t - 1.5), 0)} : std::vector<Pose>{});
  }
  EXPECT_NEAR(MeasureLagFrames(raw, smoothed, 0.5f), 1.5, 0.05);
}

TEST(MeasureLagFrames, NanWithoutConfidentPairs) {
  std::vector<std::vector<Pose>> raw = {{At(0, 0, 0, 0.1f)}, {At(0, 1, 0, 0.1f)}};
  EXPECT_TRUE(std::isnan(MeasureLagFrames(raw, raw, 0.5f)));
}

}  // namespace
}  // namespace posenet
