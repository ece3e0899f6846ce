#include "decode/pose_transform.h"

#include <gtest/gtest.h>

namespace posenet {
namespace {

Pose TwoPointPose() {
  Pose p;
  for (Keypoint& k : p.keypoints) k = Keypoint{30, 20, 0.5f};
  p.keypoints[kLeftWrist] = Keypoint{110, 70, 0.9f};
  p.score = 0.7f;
  return p;
}

TEST(PoseTransform, ToPictureRemovesPaddingThenScales) {
  const Pose p = ToPicture(TwoPointPose(), PictureMapping{2.0f, 3.0f, 10.0f, 5.0f});
  EXPECT_FLOAT_EQ(p.keypoints[kNose].x, (30 - 10) * 2.0f);
  EXPECT_FLOAT_EQ(p.keypoints[kNose].y, (20 - 5) * 3.0f);
  EXPECT_FLOAT_EQ(p.keypoints[kLeftWrist].x, 200.0f);
  EXPECT_FLOAT_EQ(p.keypoints[kLeftWrist].y, 195.0f);
  EXPECT_FLOAT_EQ(p.keypoints[kLeftWrist].score, 0.9f);
  EXPECT_FLOAT_EQ(p.score, 0.7f);
  EXPECT_FLOAT_EQ(p.box.x0, 40.0f);
  EXPECT_FLOAT_EQ(p.box.y0, 45.0f);
  EXPECT_FLOAT_EQ(p.box.x1, 200.0f);
  EXPECT_FLOAT_EQ(p.box.y1, 195.0f);
}

TEST(PoseTransform, StretchMappingIsPictureOverModelSize) {
  const PictureMapping m = StretchMapping(1920, 1278, 641, 481);
  EXPECT_FLOAT_EQ(m.scale_x, 1920.0f / 641.0f);
  EXPECT_FLOAT_EQ(m.scale_y, 1278.0f / 481.0f);
  EXPECT_EQ(m.pad_left, 0.0f);
  EXPECT_EQ(m.pad_top, 0.0f);
}

TEST(PoseTransform, FlipMirrorsXOnlyAndKeepsKeypointIds) {
  std::vector<Pose> poses = {TwoPointPose()};
  FlipHorizontal(poses, 641);
  const Pose& p = poses[0];
  EXPECT_FLOAT_EQ(p.keypoints[kLeftWrist].x, 640.0f - 110.0f);  // still the left wrist
  EXPECT_FLOAT_EQ(p.keypoints[kLeftWrist].y, 70.0f);
  EXPECT_FLOAT_EQ(p.keypoints[kRightWrist].x, 610.0f);
  EXPECT_FLOAT_EQ(p.box.x0, 530.0f);
  EXPECT_FLOAT_EQ(p.box.x1, 610.0f);
  EXPECT_FLOAT_EQ(p.box.y0, 20.0f);
  EXPECT_FLOAT_EQ(p.box.y1, 70.0f);
}

}  // namespace
}  // namespace posenet
