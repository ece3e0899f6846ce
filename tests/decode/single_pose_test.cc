#include "decode/single_pose.h"

#include <gtest/gtest.h>

#include <cmath>

#include "fake_outputs.h"

namespace posenet {
namespace {

using testing::FakeOutputs;

double Sig(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TEST(SinglePose, FirstMaximumInRowMajorOrderPlusOffset) {
  FakeOutputs f(3, 4, /*background_logit=*/0.0f);  // background score exactly 0.5
  // Nose: equal maxima at (1, 2) and (2, 1); (1, 2) comes first in row-major order.
  f.Heat(1, 2, kNose) = 2.0f;
  f.Heat(2, 1, kNose) = 2.0f;
  f.SetShort(1, 2, kNose, 3.0f, -5.0f);
  f.SetShort(2, 1, kNose, 100.0f, 100.0f);
  // Left eye: equal maxima at (0, 3) and (1, 0): (0, 3) first.
  f.Heat(0, 3, kLeftEye) = 1.0f;
  f.Heat(1, 0, kLeftEye) = 1.0f;
  f.SetShort(0, 3, kLeftEye, 0.5f, 0.25f);

  auto poses = DecodeSinglePose(f.Views());
  ASSERT_TRUE(poses.ok()) << poses.message();
  ASSERT_EQ(poses->size(), 1u);
  const Pose& p = (*poses)[0];
  EXPECT_FLOAT_EQ(p.keypoints[kNose].x, 2 * 16 - 5.0f);
  EXPECT_FLOAT_EQ(p.keypoints[kNose].y, 1 * 16 + 3.0f);
  EXPECT_NEAR(p.keypoints[kNose].score, Sig(2.0), 1e-6);
  EXPECT_FLOAT_EQ(p.keypoints[kLeftEye].x, 3 * 16 + 0.25f);
  EXPECT_FLOAT_EQ(p.keypoints[kLeftEye].y, 0.5f);
  // Every other keypoint ties everywhere: cell (0, 0), offset 0.
  EXPECT_EQ(p.keypoints[kRightAnkle].x, 0.0f);
  EXPECT_EQ(p.keypoints[kRightAnkle].y, 0.0f);
  EXPECT_FLOAT_EQ(p.keypoints[kRightAnkle].score, 0.5f);
  EXPECT_NEAR(p.score, (Sig(2.0) + Sig(1.0) + 15 * 0.5) / 17, 1e-6);
  EXPECT_EQ(p.box.x0, 0.0f);
  EXPECT_EQ(p.box.y0, 0.0f);
  EXPECT_FLOAT_EQ(p.box.x1, 48.25f);
  EXPECT_FLOAT_EQ(p.box.y1, 19.0f);
}

// tfjs takes the argmax of sigmoid scores: logits 20 and 30 both give 1.0f, so the first cell
// wins although its logit is lower.
TEST(SinglePose, ArgmaxRunsOnSaturatedSigmoidScores) {
  FakeOutputs f(2, 2);
  f.Heat(0, 1, kNose) = 20.0f;
  f.Heat(1, 1, kNose) = 30.0f;
  auto poses = DecodeSinglePose(f.Views(), SinglePoseOptions{32});
  ASSERT_TRUE(poses.ok()) << poses.message();
  EXPECT_EQ((*poses)[0].keypoints[kNose].x, 32.0f);
  EXPECT_EQ((*poses)[0].keypoints[kNose].y, 0.0f);
}

TEST(SinglePose, RejectsBadViewsAndStride) {
  FakeOutputs f(2, 2);
  OutputViews v = f.Views();
  EXPECT_FALSE(DecodeSinglePose(v, SinglePoseOptions{0}).ok());
  v.short_offsets.channels = 17;
  EXPECT_FALSE(DecodeSinglePose(v).ok());
}

}  // namespace
}  // namespace posenet
