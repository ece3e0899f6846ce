// Gait on synthetic walks with known heel strikes: cadences of 90, 110 and 130 steps a minute,
// 2 px of noise, 10 % of keypoints missing and a 2 s stop in the middle.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/gait.h"
#include "synthetic_walk.h"

namespace posenet {
namespace {

using testing::MakeWalk;
using testing::WalkSpec;

class GaitCadenceTest : public ::testing::TestWithParam<double> {};

TEST_P(GaitCadenceTest, StepsCadenceAndSymmetryMatchTheTruth) {
  WalkSpec spec;
  spec.cadence_spm = GetParam();
  for (unsigned seed : {1u, 2u, 3u}) {
    spec.seed = seed;
    const testing::Walk walk = MakeWalk(spec);
    const Gait gait = AnalyzeGait(walk.poses, walk.times_ms, {0.3f, 170});
    ASSERT_EQ(gait.steps.size(), walk.strike_ms.size()) << "seed " << seed;
    for (size_t i = 0; i < gait.steps.size(); ++i) {
      // Within two frames of the true strike.
      EXPECT_NEAR(gait.steps[i].time_ms, walk.strike_ms[i], 67) << i;
      EXPECT_EQ(gait.steps[i].left, walk.strike_left[i]) << i;
    }
    EXPECT_NEAR(gait.cadence_spm / spec.cadence_spm, 1.0, 0.02) << "seed " << seed;
    EXPECT_NEAR(gait.symmetry / walk.true_symmetry, 1.0, 0.05) << "seed " << seed;
    // Left steps are the longer ones by construction.
    EXPECT_GT(gait.left_step_time_s, gait.right_step_time_s);
    // Strides (a left and a right step) all last 2 T: little variability.
    EXPECT_LT(gait.stride_time_cv, 0.05);
    // 80 px per step.
    EXPECT_NEAR(gait.speed_px_s / (80 * spec.cadence_spm / 60), 1.0, 0.1);
    EXPECT_GT(gait.speed_m_s, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Cadences, GaitCadenceTest, ::testing::Values(90.0, 110.0, 130.0));

TEST(GaitTest, NoStopAndSymmetricWalk) {
  WalkSpec spec;
  spec.asymmetry = 0;
  spec.steps_after_stop = 0;
  spec.steps_before_stop = 15;
  const testing::Walk walk = MakeWalk(spec);
  const Gait gait = AnalyzeGait(walk.poses, walk.times_ms, {0.3f, 0});
  EXPECT_EQ(gait.steps.size(), walk.strike_ms.size());
  EXPECT_NEAR(gait.symmetry, 1.0, 0.05);
  EXPECT_EQ(gait.speed_m_s, 0);  // no height given
}

TEST(GaitTest, StandingStillHasNoSteps) {
  WalkSpec spec;
  spec.steps_before_stop = 0;
  spec.steps_after_stop = 0;
  spec.noise_px = 4;
  testing::Walk walk = MakeWalk(spec);
  // Two seconds of standing with noisy ankles.
  while (walk.poses.size() < 60) {
    walk.poses.push_back(walk.poses.back());
    walk.times_ms.push_back(walk.times_ms.back() + 1000.0 / 30);
  }
  EXPECT_TRUE(AnalyzeGait(walk.poses, walk.times_ms, {0.3f, 0}).steps.empty());
}

TEST(GaitTest, BothAnklesOnOneSpotAreIgnored) {
  // A decoder that puts both legs on one every other frame: no steps out of that.
  WalkSpec spec;
  spec.steps_before_stop = 0;
  spec.steps_after_stop = 0;
  testing::Walk walk = MakeWalk(spec);
  while (walk.poses.size() < 90) {
    Pose p = walk.poses.back();
    if (walk.poses.size() % 2) p.keypoints[kRightAnkle] = p.keypoints[kLeftAnkle];
    walk.poses.push_back(p);
    walk.times_ms.push_back(walk.times_ms.back() + 1000.0 / 30);
  }
  EXPECT_TRUE(AnalyzeGait(walk.poses, walk.times_ms, {0.3f, 0}).steps.empty());
}

}  // namespace
}  // namespace posenet
