// Hand-built outputs for the Coral decoder (stride 16: 16 px = 1 grid unit). Background logit
// -1.5 is below logit(0.2 + 1e-6) = -1.386 (never a root), and a pose with one keypoint at
// logit >= 3 and 16 at the background has a mean score just above 0.2.
#include "decode/multi_pose_coral.h"

#include <gtest/gtest.h>

#include <cmath>

#include "fake_outputs.h"

namespace posenet {
namespace {

using testing::FakeOutputs;

double Sig(double x) { return 1.0 / (1.0 + std::exp(-x)); }

std::vector<Pose> Decode(const FakeOutputs& f, const CoralDecoderOptions& o = {}) {
  auto poses = DecodeMultiPosesCoral(f.Views(), o);
  EXPECT_TRUE(poses.ok()) << poses.message();
  return poses.ok() ? *poses : std::vector<Pose>{};
}

// Root: cell (2, 3) + (8, -4) px = grid (2.5, 2.75), output x 44, y 40. Its score is the
// bilinear logit there: 0.5 * (0.25 * -1.5 + 0.75 * 4) + 0.5 * -1.5 = 0.5625.
TEST(CoralMultiPose, GridUnitsAndBilinearRootScore) {
  FakeOutputs f(5, 6, -1.5f);
  f.Heat(2, 3, kNose) = 4.0f;
  f.SetShort(2, 3, kNose, 8.0f, -4.0f);
  const auto poses = Decode(f);
  ASSERT_EQ(poses.size(), 1u);
  const Pose& p = poses[0];
  EXPECT_EQ(p.keypoints[kNose].x, 44.0f);
  EXPECT_EQ(p.keypoints[kNose].y, 40.0f);
  EXPECT_NEAR(p.keypoints[kNose].score, Sig(0.5625), 1e-6);
  // No displacements: every other keypoint stays at the root point.
  EXPECT_EQ(p.keypoints[kRightAnkle].x, 44.0f);
  EXPECT_EQ(p.keypoints[kRightAnkle].y, 40.0f);
  EXPECT_NEAR(p.keypoints[kRightAnkle].score, Sig(-1.5), 1e-6);
  EXPECT_NEAR(p.score, (Sig(0.5625) + 16 * Sig(-1.5)) / 17, 1e-6);
}

// Left eye from the nose at grid (1, 1): the mid offset (0, +100 px) clamps x to 5 at once.
// The left-eye short dy is +4 px (0.25) on row 0 and -24 px (-1.5) below. Clamping after
// every step: y = 1 -> -0.5|0 -> 0.25 -> 0.0625 -> 0.203125 -> 0.09765625 (1.5625 px).
// (Clamping only at the end would give 0.0625, i.e. 1 px.)
TEST(CoralMultiPose, FiveRefinementStepsClampAtTheBorder) {
  FakeOutputs f(4, 6, -1.5f);
  f.Heat(1, 1, kNose) = 4.0f;
  f.SetMid(1, 1, 0, false, 0.0f, 100.0f);
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 6; ++x) f.SetShort(y, x, kLeftEye, y == 0 ? 4.0f : -24.0f, 0.0f);
  }
  const auto poses = Decode(f);
  ASSERT_EQ(poses.size(), 1u);
  EXPECT_EQ(poses[0].keypoints[kLeftEye].x, 80.0f);
  EXPECT_EQ(poses[0].keypoints[kLeftEye].y, 1.5625f);
  EXPECT_EQ(poses[0].keypoints[kNose].x, 16.0f);
}

// Pose A: nose (1, 1), all keypoints there. Pose B: nose (1, 4) whose four forward edges point
// 48 px left, so its 16 other keypoints land on A's. Both pass the first threshold; after soft
// NMS B keeps only its nose: sigmoid(3) / 17.
FakeOutputs OverlappingPair(float background) {
  FakeOutputs f(3, 6, background);
  f.Heat(1, 1, kNose) = 4.0f;
  f.Heat(1, 4, kNose) = 3.0f;
  for (int e : {0, 2, 4, 10}) f.SetMid(1, 4, e, false, 0.0f, -48.0f);
  return f;
}

TEST(CoralMultiPose, SoftKeypointNmsRescoresLowerPoses) {
  CoralDecoderOptions o;
  o.score_threshold = 0.05f;  // logit -2.944; background -3.5 stays below
  const auto poses = Decode(OverlappingPair(-3.5f), o);
  ASSERT_EQ(poses.size(), 2u);
  EXPECT_NEAR(poses[0].score, (Sig(4) + 16 * Sig(-3.5)) / 17, 1e-6);
  EXPECT_NEAR(poses[1].score, Sig(3) / 17, 1e-6);
  EXPECT_EQ(poses[1].keypoints[kNose].x, 64.0f);
  EXPECT_EQ(poses[1].keypoints[kLeftWrist].x, 16.0f);
  EXPECT_NEAR(poses[1].keypoints[kLeftWrist].score, Sig(-3.5), 1e-6);  // own score kept
}

// Same pair at the default threshold: B's first score (sig(3) + 16 sig(-1.5)) / 17 = 0.228
// passes, its rescored 0.056 does not.
TEST(CoralMultiPose, SecondThresholdAppliesAfterRescoring) {
  const auto poses = Decode(OverlappingPair(-1.5f));
  ASSERT_EQ(poses.size(), 1u);
  EXPECT_EQ(poses[0].keypoints[kNose].x, 16.0f);
  EXPECT_NEAR(poses[0].score, (Sig(4) + 16 * Sig(-1.5)) / 17, 1e-6);
}

// Second nose at cell (1, 3) moved by dx; nms radius 10 px = 0.625 grid, inclusive.
TEST(CoralMultiPose, RootNmsInGridUnits) {
  for (const auto& [dx, expected] : {std::pair{-24.0f, 1u}, {-22.0f, 1u}, {8.0f, 2u}}) {
    FakeOutputs f(3, 6, -1.5f);
    f.Heat(1, 1, kNose) = 4.0f;
    f.Heat(1, 3, kNose) = 3.0f;
    f.SetShort(1, 3, kNose, 0.0f, dx);
    EXPECT_EQ(Decode(f).size(), expected) << "dx " << dx;
  }
}

// A left-eye root with the highest logit (5) whose refined point (3, 1) sits on background
// fails the first threshold; it must not use up one of the two detections.
TEST(CoralMultiPose, MaxDetectionsCountsOnlyAcceptedPoses) {
  FakeOutputs f(6, 7, -1.5f);
  f.Heat(3, 0, kLeftEye) = 5.0f;
  f.SetShort(3, 0, kLeftEye, 0.0f, 16.0f);
  f.Heat(1, 1, kNose) = 4.0f;
  f.Heat(1, 5, kNose) = 3.5f;
  f.Heat(4, 3, kNose) = 3.0f;
  CoralDecoderOptions o;
  o.max_detections = 2;
  const auto poses = Decode(f, o);
  ASSERT_EQ(poses.size(), 2u);
  EXPECT_EQ(poses[0].keypoints[kNose].x, 16.0f);
  EXPECT_EQ(poses[1].keypoints[kNose].x, 80.0f);
  EXPECT_GT(poses[0].score, poses[1].score);
}

// Root left eye at grid (2, 2); the nose comes through backward edge 16. The shipped op reads
// channels (16, 32) = (+16, -16 px) -> grid (3, 1); the corrected one (32, 48) = (-16, +32 px)
// -> grid (1, 4).
TEST(CoralMultiPose, LegacyBackwardEdge16Channels) {
  FakeOutputs f(5, 5, -1.5f);
  f.Heat(2, 2, kLeftEye) = 4.0f;
  f.MidChannel(2, 2, 16) = 16.0f;
  f.MidChannel(2, 2, 32) = -16.0f;
  f.MidChannel(2, 2, 48) = 32.0f;
  const auto legacy = Decode(f);
  ASSERT_EQ(legacy.size(), 1u);
  EXPECT_EQ(legacy[0].keypoints[kNose].x, 16.0f);
  EXPECT_EQ(legacy[0].keypoints[kNose].y, 48.0f);

  CoralDecoderOptions fixed;
  fixed.legacy_edge_channels = false;
  const auto corrected = Decode(f, fixed);
  ASSERT_EQ(corrected.size(), 1u);
  EXPECT_EQ(corrected[0].keypoints[kNose].x, 64.0f);
  EXPECT_EQ(corrected[0].keypoints[kNose].y, 16.0f);
}

// Backward edge 18 (right eye -> nose) reads (34, 50) in both modes.
TEST(CoralMultiPose, OtherBackwardEdgesAgreeInBothModes) {
  FakeOutputs f(5, 5, -1.5f);
  f.Heat(2, 2, kRightEye) = 4.0f;
  f.MidChannel(2, 2, 18) = 16.0f;
  f.MidChannel(2, 2, 34) = -16.0f;
  f.MidChannel(2, 2, 50) = 32.0f;
  for (bool legacy : {true, false}) {
    CoralDecoderOptions o;
    o.legacy_edge_channels = legacy;
    const auto poses = Decode(f, o);
    ASSERT_EQ(poses.size(), 1u);
    EXPECT_EQ(poses[0].keypoints[kNose].x, 64.0f) << legacy;
    EXPECT_EQ(poses[0].keypoints[kNose].y, 16.0f) << legacy;
  }
}

TEST(CoralMultiPose, RejectsBadInput) {
  FakeOutputs f(2, 2);
  CoralDecoderOptions o;
  o.stride = 0;
  EXPECT_FALSE(DecodeMultiPosesCoral(f.Views(), o).ok());
  OutputViews v = f.Views();
  v.heatmaps.width = 3;
  EXPECT_FALSE(DecodeMultiPosesCoral(v).ok());
}

}  // namespace
}  // namespace posenet
