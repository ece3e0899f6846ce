#include <gtest/gtest.h>

#include "posenet/pose.h"

namespace posenet {
namespace {

TEST(KeypointName, NamesEveryIdInPoseNetOrder) {
  EXPECT_EQ(KeypointName(kNose), "nose");
  EXPECT_EQ(KeypointName(kLeftEye), "left_eye");
  EXPECT_EQ(KeypointName(kRightShoulder), "right_shoulder");
  EXPECT_EQ(KeypointName(kLeftWrist), "left_wrist");
  EXPECT_EQ(KeypointName(kRightAnkle), "right_ankle");
}

TEST(KeypointName, EmptyOutOfRange) {
  EXPECT_EQ(KeypointName(-1), "");
  EXPECT_EQ(KeypointName(kNumKeypoints), "");
}

}  // namespace
}  // namespace posenet
