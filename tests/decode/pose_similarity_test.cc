#include "decode/pose_similarity.h"

#include <gtest/gtest.h>

#include "test_poses.h"

namespace posenet {
namespace {

using testing::Person;

Pose Shifted(Pose p, float dx) {
  for (Keypoint& k : p.keypoints) k.x += dx;
  p.box.x0 += dx;
  p.box.x1 += dx;
  return p;
}

TEST(ObjectKeypointSimilarity, IdenticalPosesScoreOne) {
  const Pose p = Person(200, 400, 300);
  EXPECT_FLOAT_EQ(ObjectKeypointSimilarity(p, p, 0.3f), 1.0f);
}

TEST(ObjectKeypointSimilarity, FallsAsThePoseMovesAway) {
  const Pose p = Person(200, 400, 300);
  float previous = 1.0f;
  for (float d : {1.0f, 3.0f, 10.0f, 30.0f, 100.0f}) {
    const float s = ObjectKeypointSimilarity(p, Shifted(p, d), 0.3f);
    EXPECT_LT(s, previous) << "shift " << d;
    EXPECT_GT(s, 0.0f) << "shift " << d;
    previous = s;
  }
  EXPECT_LT(previous, 0.05f);  // a third of the figure's height away: another person
}

TEST(ObjectKeypointSimilarity, MatchesCocoFormulaOnOneKeypoint) {
  // Only the nose is confident. Box 100 x 100 px: s^2 = 10000; nose sigma 0.026, k = 0.052,
  // k^2 = 0.002704. A 10 px shift: d^2 / (2 s^2 k^2) = 100 / 54.08 = 1.849112;
  // exp(-1.849112) = 0.157377.
  Pose a;
  a.keypoints[kNose] = {50, 50, 0.9f};
  a.box = {0, 0, 100, 100};
  Pose b = a;
  b.keypoints[kNose].x = 60;
  EXPECT_NEAR(ObjectKeypointSimilarity(a, b, 0.5f), 0.157377, 1e-5);
  // Same for a shoulder (sigma 0.079, k^2 = 0.024964): 100 / 499.28 = 0.200288;
  // exp(-0.200288) = 0.818494.
  Pose c;
  c.keypoints[kLeftShoulder] = {50, 50, 0.9f};
  c.box = {0, 0, 100, 100};
  Pose d = c;
  d.keypoints[kLeftShoulder].y = 40;
  EXPECT_NEAR(ObjectKeypointSimilarity(c, d, 0.5f), 0.818494, 1e-5);
}

TEST(ObjectKeypointSimilarity, IgnoresUnconfidentKeypointsAndIsZeroWithoutAny) {
  Pose a = Person(200, 400, 300);
  Pose b = a;
  b.keypoints[kLeftWrist].x += 500;  // far off, but unconfident in b
  b.keypoints[kLeftWrist].score = 0.1f;
  EXPECT_FLOAT_EQ(ObjectKeypointSimilarity(a, b, 0.3f), 1.0f);
  EXPECT_LT(ObjectKeypointSimilarity(a, b, 0.05f), 1.0f);
  for (Keypoint& k : b.keypoints) k.score = 0.1f;
  EXPECT_EQ(ObjectKeypointSimilarity(a, b, 0.3f), 0.0f);
}

TEST(BoxIou, HandComputedOverlaps) {
  EXPECT_FLOAT_EQ(BoxIou({0, 0, 10, 10}, {0, 0, 10, 10}), 1.0f);
  EXPECT_FLOAT_EQ(BoxIou({0, 0, 10, 10}, {5, 0, 15, 10}), 50.0f / 150.0f);
  EXPECT_FLOAT_EQ(BoxIou({0, 0, 10, 10}, {5, 5, 15, 15}), 25.0f / 175.0f);
  EXPECT_FLOAT_EQ(BoxIou({0, 0, 10, 10}, {20, 0, 30, 10}), 0.0f);
  EXPECT_FLOAT_EQ(BoxIou({0, 0, 0, 0}, {0, 0, 0, 0}), 0.0f);
}

}  // namespace
}  // namespace posenet
