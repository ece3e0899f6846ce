// Hand-built outputs for the tfjs decoder; background logit -20 (score ~2e-9, never a root).
#include "decode/multi_pose_tfjs.h"

#include <gtest/gtest.h>

#include <cmath>

#include "fake_outputs.h"

namespace posenet {
namespace {

using testing::FakeOutputs;

double Sig(double x) { return 1.0 / (1.0 + std::exp(-x)); }

std::vector<Pose> Decode(const FakeOutputs& f, const TfjsMultiPoseOptions& o = {}) {
  auto poses = DecodeMultiPosesTfjs(f.Views(), o);
  EXPECT_TRUE(poses.ok()) << poses.message();
  return poses.ok() ? *poses : std::vector<Pose>{};
}

TfjsMultiPoseOptions WithNms(float nms) {
  TfjsMultiPoseOptions o;
  o.nms_radius = nms;
  return o;
}

// Equal neighbours are both local maxima; a strictly beaten neighbour is not. The three
// candidates A (2,2) s3, B (2,3) s3, C (4,5) s4 are pushed in that order; tfjs's heap then
// holds [C A B], and popping C moves B to the root without a swap: C, B, A.
TEST(TfjsMultiPose, LocalMaximaWithTiesPopInTfjsHeapOrder) {
  FakeOutputs f(6, 7, -20.0f);
  f.Heat(2, 2, kNose) = 3.0f;
  f.Heat(2, 3, kNose) = 3.0f;
  f.Heat(4, 5, kNose) = 4.0f;
  f.Heat(4, 6, kNose) = 3.9f;  // beaten by (4, 5)
  const auto poses = Decode(f, WithNms(10));
  ASSERT_EQ(poses.size(), 3u);
  EXPECT_EQ(poses[0].keypoints[kNose].x, 80.0f);
  EXPECT_EQ(poses[0].keypoints[kNose].y, 64.0f);
  EXPECT_EQ(poses[1].keypoints[kNose].x, 48.0f);
  EXPECT_EQ(poses[2].keypoints[kNose].x, 32.0f);
  EXPECT_NEAR(poses[0].keypoints[kNose].score, Sig(4), 1e-6);
  EXPECT_NEAR(poses[0].score, (Sig(4) + 16 * Sig(-20)) / 17, 1e-6);
  EXPECT_NEAR(poses[2].score, (Sig(3) + 16 * Sig(-20)) / 17, 1e-6);
}

TEST(TfjsMultiPose, ThresholdIsInclusiveOnSigmoidScore) {
  FakeOutputs at(3, 3, -20.0f);
  at.Heat(1, 1, kNose) = 0.0f;  // score exactly 0.5
  EXPECT_EQ(Decode(at).size(), 1u);
  FakeOutputs below(3, 3, -20.0f);
  below.Heat(1, 1, kNose) = -0.01f;
  EXPECT_EQ(Decode(below).size(), 0u);
}

// Second nose root at cell (1, 4) moved by its short offset to x = 64 + dx, y = 16; the first
// pose's nose is at (16, 16); nms 20 px, inclusive.
TEST(TfjsMultiPose, RootNmsRejectsSecondRootNearSameKeypoint) {
  for (const auto& [dx, expected] :
       {std::pair{-40.0f, 1u}, {-28.0f, 1u}, {-27.0f, 2u}, {0.0f, 2u}}) {
    FakeOutputs f(3, 6, -20.0f);
    f.Heat(1, 1, kNose) = 3.0f;
    f.Heat(1, 4, kNose) = 2.0f;
    f.SetShort(1, 4, kNose, 0.0f, dx);
    EXPECT_EQ(Decode(f).size(), expected) << "dx " << dx;
  }
}

TEST(TfjsMultiPose, StopsAtMaxPoses) {
  FakeOutputs f(6, 7, -20.0f);
  f.Heat(1, 1, kNose) = 3.0f;
  f.Heat(1, 5, kNose) = 2.0f;
  f.Heat(4, 3, kNose) = 1.0f;
  TfjsMultiPoseOptions o;
  o.max_poses = 2;
  const auto poses = Decode(f, o);
  ASSERT_EQ(poses.size(), 2u);
  EXPECT_NEAR(poses[0].keypoints[kNose].score, Sig(3), 1e-6);
  EXPECT_NEAR(poses[1].keypoints[kNose].score, Sig(2), 1e-6);
}

// Pose 2's nose is at (16, 80) but its forward displacement sends the left eye (and from it the
// left ear) onto pose 1's, at (16, 16): those two no longer count towards pose 2's score.
TEST(TfjsMultiPose, InstanceScoreSkipsKeypointsClaimedByEarlierPoses) {
  FakeOutputs f(3, 7, -20.0f);
  f.Heat(1, 1, kNose) = 3.0f;
  f.Heat(1, 5, kNose) = 2.0f;
  f.Heat(1, 1, kLeftEye) = -0.5f;  // score 0.38: not a root candidate
  f.SetMid(1, 5, /*edge nose->leftEye*/ 0, /*bwd=*/false, 0.0f, -64.0f);
  const auto poses = Decode(f);
  ASSERT_EQ(poses.size(), 2u);
  EXPECT_NEAR(poses[0].score, (Sig(3) + Sig(-0.5) + 15 * Sig(-20)) / 17, 1e-6);
  EXPECT_NEAR(poses[1].score, (Sig(2) + 14 * Sig(-20)) / 17, 1e-6);
  EXPECT_EQ(poses[1].keypoints[kLeftEye].x, 16.0f);
  EXPECT_EQ(poses[1].keypoints[kLeftEye].y, 16.0f);
  EXPECT_NEAR(poses[1].keypoints[kLeftEye].score, Sig(-0.5), 1e-6);  // kept in the output
  EXPECT_EQ(poses[1].keypoints[kRightEye].x, 80.0f);
}

// Root nose at cell (2,2) + (3, -2) = (y 35, x 30). Edge 0 forward displacement at the root's
// nearest cell (2,2): (20, 10) -> (55, 40). Refine 1: nearest cell (round 3.44, round 2.5) =
// (3, 3) -> (48 + 10, 48 - 7) = (58, 41). Refine 2: cell (round 3.625, round 2.56) = (4, 3) ->
// (64 - 1.5, 48 + 4) = (62.5, 52). Score at cell (round 3.9, round 3.25) = (4, 3).
TEST(TfjsMultiPose, ForwardWalkWithTwoRefinementSteps) {
  FakeOutputs f(6, 6, -20.0f);
  f.Heat(2, 2, kNose) = 3.0f;
  f.SetShort(2, 2, kNose, 3.0f, -2.0f);
  f.SetMid(2, 2, 0, false, 20.0f, 10.0f);
  f.SetShort(3, 3, kLeftEye, 10.0f, -7.0f);
  f.SetShort(4, 3, kLeftEye, -1.5f, 4.0f);
  f.Heat(4, 3, kLeftEye) = -1.0f;
  TfjsMultiPoseOptions o;
  o.max_poses = 1;
  const auto poses = Decode(f, o);
  ASSERT_EQ(poses.size(), 1u);
  const Pose& p = poses[0];
  EXPECT_EQ(p.keypoints[kNose].x, 30.0f);
  EXPECT_EQ(p.keypoints[kNose].y, 35.0f);
  EXPECT_EQ(p.keypoints[kLeftEye].x, 52.0f);
  EXPECT_EQ(p.keypoints[kLeftEye].y, 62.5f);
  EXPECT_NEAR(p.keypoints[kLeftEye].score, Sig(-1), 1e-6);
  // The left ear follows from the left eye with zero fields: refinement replaces the point by
  // its nearest cell (4, 3) * 16 + 0, it does not accumulate.
  EXPECT_EQ(p.keypoints[kLeftEar].x, 48.0f);
  EXPECT_EQ(p.keypoints[kLeftEar].y, 64.0f);
  EXPECT_EQ(p.box.x1, 52.0f);
  EXPECT_EQ(p.box.y1, 64.0f);
}

// Root left eye at (16, 16): the nose comes from the backward field of edge 0 (channels 32, 48),
// not the forward one: (16 + 16, 16 + 32) = (32, 48) -> cell (2, 3) -> (33, 50) -> cell (2, 3).
TEST(TfjsMultiPose, BackwardWalkUsesBackwardField) {
  FakeOutputs f(5, 5, -20.0f);
  f.Heat(1, 1, kLeftEye) = 3.0f;
  f.SetMid(1, 1, 0, /*bwd=*/true, 16.0f, 32.0f);
  f.SetMid(1, 1, 0, /*bwd=*/false, -100.0f, -100.0f);
  f.SetShort(2, 3, kNose, 1.0f, 2.0f);
  f.Heat(2, 3, kNose) = -2.0f;
  const auto poses = Decode(f);
  ASSERT_EQ(poses.size(), 1u);
  EXPECT_EQ(poses[0].keypoints[kNose].x, 50.0f);
  EXPECT_EQ(poses[0].keypoints[kNose].y, 33.0f);
  EXPECT_NEAR(poses[0].keypoints[kNose].score, Sig(-2), 1e-6);
}

TEST(TfjsMultiPose, RejectsBadOptions) {
  FakeOutputs f(2, 2);
  TfjsMultiPoseOptions o;
  o.stride = 0;
  EXPECT_FALSE(DecodeMultiPosesTfjs(f.Views(), o).ok());
  o = {};
  o.refine_steps = -1;
  EXPECT_FALSE(DecodeMultiPosesTfjs(f.Views(), o).ok());
}

}  // namespace
}  // namespace posenet
