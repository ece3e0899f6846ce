// Angles on poses whose answers are worked out by hand (3-4-5 triangles, right angles).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "posenet/analysis.h"

namespace posenet {
namespace {

// A pose with every keypoint at (0, 0) and score 0.9; tests place the ones they need.
Pose BlankPose() {
  Pose p;
  for (Keypoint& k : p.keypoints) k = {0, 0, 0.9f};
  return p;
}

void Place(Pose& p, int id, float x, float y, float score = 0.9f) {
  p.keypoints[id] = {x, y, score};
}

TEST(AngleBetweenTest, RightAngleStraightAndThreeFourFive) {
  EXPECT_NEAR(*AngleBetween({10, 0, 1}, {0, 0, 1}, {0, 10, 1}), 90.0f, 1e-5);
  EXPECT_NEAR(*AngleBetween({0, -5, 1}, {0, 0, 1}, {0, 7, 1}), 180.0f, 1e-5);
  EXPECT_NEAR(*AngleBetween({3, 4, 1}, {0, 0, 1}, {6, 8, 1}), 0.0f, 1e-4);
  // (0,-4) and (3,4) from the vertex: cos = -16 / 20, so 143.130 degrees.
  EXPECT_NEAR(*AngleBetween({0, -4, 1}, {0, 0, 1}, {3, 4, 1}), 143.1301f, 1e-3);
}

TEST(AngleBetweenTest, DegenerateSegmentsHaveNoAngle) {
  EXPECT_FALSE(AngleBetween({1, 1, 1}, {1, 1, 1}, {5, 5, 1}).has_value());
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_FALSE(AngleBetween({nan, 1, 1}, {0, 0, 1}, {5, 5, 1}).has_value());
}

TEST(MeasureAngleTest, KneeFlexionIs180MinusTheKneeAngle) {
  Pose p = BlankPose();
  Place(p, kLeftHip, 100, 96);
  Place(p, kLeftKnee, 100, 100);
  Place(p, kLeftAnkle, 103, 104);  // 143.13 degrees at the knee
  AngleSample s = MeasureAngle(p, AngleId::kLeftKnee, 0.3f);
  ASSERT_TRUE(s.valid);
  EXPECT_NEAR(s.degrees, 36.8699f, 1e-3);
  EXPECT_NEAR(s.confidence, 0.9f, 1e-6);
  // Straight: 0.
  Place(p, kRightHip, 50, 0);
  Place(p, kRightKnee, 50, 40);
  Place(p, kRightAnkle, 50, 80);
  EXPECT_NEAR(MeasureAngle(p, AngleId::kRightKnee, 0.3f).degrees, 0.0f, 1e-4);
}

TEST(MeasureAngleTest, HipAndElbowFlexion) {
  Pose p = BlankPose();
  // Sitting: shoulder above the hip, knee straight ahead: 90 degrees of hip flexion.
  Place(p, kRightShoulder, 0, 0);
  Place(p, kRightHip, 0, 50);
  Place(p, kRightKnee, 40, 50);
  EXPECT_NEAR(MeasureAngle(p, AngleId::kRightHip, 0.3f).degrees, 90.0f, 1e-4);
  // Curl at the top: forearm folded back to 30 degrees from the upper arm: 150 of flexion.
  Place(p, kLeftShoulder, 0, 0);
  Place(p, kLeftElbow, 0, 30);
  Place(p, kLeftWrist, 10, 30 - 10 * std::sqrt(3.0f));  // 30 degrees off the upper arm
  EXPECT_NEAR(MeasureAngle(p, AngleId::kLeftElbow, 0.3f).degrees, 150.0f, 1e-3);
}

TEST(MeasureAngleTest, ShoulderAbductionFromArmDownToOverhead) {
  Pose p = BlankPose();
  Place(p, kLeftHip, 0, 100);
  Place(p, kLeftShoulder, 0, 0);
  Place(p, kLeftElbow, 0, 30);  // hanging
  EXPECT_NEAR(MeasureAngle(p, AngleId::kLeftShoulder, 0.3f).degrees, 0.0f, 1e-4);
  Place(p, kLeftElbow, 30, 0);  // horizontal
  EXPECT_NEAR(MeasureAngle(p, AngleId::kLeftShoulder, 0.3f).degrees, 90.0f, 1e-4);
  Place(p, kLeftElbow, 0, -30);  // overhead
  EXPECT_NEAR(MeasureAngle(p, AngleId::kLeftShoulder, 0.3f).degrees, 180.0f, 1e-4);
}

TEST(MeasureAngleTest, TrunkLeanFromTheVerticalEitherWay) {
  Pose p = BlankPose();
  Place(p, kLeftHip, 0, 100);
  Place(p, kRightHip, 20, 100);
  Place(p, kLeftShoulder, 0, 0);
  Place(p, kRightShoulder, 20, 0);
  EXPECT_NEAR(MeasureAngle(p, AngleId::kTrunkLean, 0.3f).degrees, 0.0f, 1e-4);
  // Shoulders 100 px ahead of the hips, 100 px above: 45 degrees, forwards or backwards.
  Place(p, kLeftShoulder, 100, 0);
  Place(p, kRightShoulder, 120, 0);
  EXPECT_NEAR(MeasureAngle(p, AngleId::kTrunkLean, 0.3f).degrees, 45.0f, 1e-3);
  Place(p, kLeftShoulder, -100, 0);
  Place(p, kRightShoulder, -80, 0);
  EXPECT_NEAR(MeasureAngle(p, AngleId::kTrunkLean, 0.3f).degrees, 45.0f, 1e-3);
}

TEST(MeasureAngleTest, WeakOrMissingKeypointsLeaveAGap) {
  Pose p = BlankPose();
  Place(p, kLeftHip, 0, 0);
  Place(p, kLeftKnee, 0, 10, 0.1f);  // below 0.3
  Place(p, kLeftAnkle, 10, 10);
  AngleSample s = MeasureAngle(p, AngleId::kLeftKnee, 0.3f);
  EXPECT_FALSE(s.valid);
  EXPECT_NEAR(s.confidence, 0.1f, 1e-6);
  // The same pose counts with a lower threshold.
  s = MeasureAngle(p, AngleId::kLeftKnee, 0.05f);
  EXPECT_TRUE(s.valid);
  EXPECT_NEAR(s.degrees, 90.0f, 1e-4);
  // A keypoint at NaN (written as null in JSON) is missing too.
  Place(p, kLeftKnee, std::numeric_limits<float>::quiet_NaN(), 10);
  EXPECT_FALSE(MeasureAngle(p, AngleId::kLeftKnee, 0.05f).valid);
  // Trunk lean needs all four of shoulders and hips.
  Place(p, kRightHip, 0, 0, 0.0f);
  EXPECT_FALSE(MeasureAngle(p, AngleId::kTrunkLean, 0.3f).valid);
}

TEST(MeasureAngleTest, BothKneesAreTheMeanOfTheValidSides) {
  Pose p = BlankPose();
  Place(p, kLeftHip, 0, 0);
  Place(p, kLeftKnee, 0, 10);
  Place(p, kLeftAnkle, 10, 10);  // 90 of flexion
  Place(p, kRightHip, 50, 0);
  Place(p, kRightKnee, 50, 10);
  Place(p, kRightAnkle, 50, 20);  // 0 of flexion
  EXPECT_NEAR(MeasureAngle(p, AngleId::kKnees, 0.3f).degrees, 45.0f, 1e-4);
  p.keypoints[kRightAnkle].score = 0.0f;  // right leg lost: the left alone
  AngleSample s = MeasureAngle(p, AngleId::kKnees, 0.3f);
  EXPECT_TRUE(s.valid);
  EXPECT_NEAR(s.degrees, 90.0f, 1e-4);
  p.keypoints[kLeftAnkle].score = 0.0f;
  EXPECT_FALSE(MeasureAngle(p, AngleId::kKnees, 0.3f).valid);
}

TEST(AngleNameTest, NamesAndRange) {
  EXPECT_EQ(AngleName(AngleId::kLeftKnee), "left_knee_flexion");
  EXPECT_EQ(AngleName(AngleId::kTrunkLean), "trunk_lean");
  EXPECT_EQ(AngleName(static_cast<AngleId>(kNumAngles)), "");
  EXPECT_EQ(ParseExercise("jumping-jack"), Exercise::kJumpingJack);
  EXPECT_FALSE(ParseExercise("yoga").has_value());
}

}  // namespace
}  // namespace posenet
