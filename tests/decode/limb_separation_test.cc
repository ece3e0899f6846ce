// SeparateLimbs on a hand-made 20x20 grid (stride 16): a pose whose ankles both sit on the
// left ankle, with the heatmaps of the right ankle firing on the right leg.
#include "decode/limb_separation.h"

#include <gtest/gtest.h>

#include <vector>

#include "decode/pose_util.h"

namespace posenet {
namespace {

constexpr int kGrid = 20, kStride = 16;

struct Heads {
  std::vector<float> heat = std::vector<float>(kGrid * kGrid * 17, -10.0f);
  std::vector<float> shorts = std::vector<float>(kGrid * kGrid * 34, 0.0f);
  std::vector<float> mids = std::vector<float>(kGrid * kGrid * 64, 0.0f);
  void Fire(int y, int x, int k, float logit) { heat[(y * kGrid + x) * 17 + k] = logit; }
  OutputViews Views() const {
    return {{heat.data(), kGrid, kGrid, 17},
            {shorts.data(), kGrid, kGrid, 34},
            {mids.data(), kGrid, kGrid, 64}};
  }
};

// Torso 96 px (shoulders y 48, hips y 144); left side at x 176, right side at x 112.
Pose Legs(float right_ankle_x) {
  Pose p;
  auto set = [&](int k, float x, float y) { p.keypoints[k] = {x, y, 0.9f}; };
  for (int k = 0; k < 5; ++k) set(k, 144, 20);
  set(kLeftShoulder, 176, 48);
  set(kRightShoulder, 112, 48);
  set(kLeftElbow, 180, 96);
  set(kRightElbow, 108, 96);
  set(kLeftWrist, 182, 140);
  set(kRightWrist, 106, 140);
  set(kLeftHip, 176, 144);
  set(kRightHip, 112, 144);
  set(kLeftKnee, 176, 208);
  set(kRightKnee, 112, 208);
  set(kLeftAnkle, 176, 272);
  set(kRightAnkle, right_ankle_x, 272);
  p.score = 0.9f;
  p.box = KeypointBox(p);
  return p;
}

LimbSeparationOptions Options() {
  LimbSeparationOptions o;
  o.stride = kStride;
  return o;
}

TEST(SeparateLimbs, MovesTheSideWhoseHeatmapFindsTheOtherLeg) {
  Heads heads;
  heads.Fire(17, 11, kLeftAnkle, 3);   // left ankle at (176, 272)
  heads.Fire(17, 11, kRightAnkle, 2);  // the right channel fires there too (the collapse)
  heads.Fire(17, 7, kRightAnkle, 3);   // and on the right leg, at (112, 272)
  std::vector<Pose> poses = {Legs(176)};
  SeparateLimbs(poses, heads.Views(), Options());
  EXPECT_FLOAT_EQ(poses[0].keypoints[kLeftAnkle].x, 176);
  EXPECT_FLOAT_EQ(poses[0].keypoints[kRightAnkle].x, 112);
  EXPECT_FLOAT_EQ(poses[0].keypoints[kRightAnkle].y, 272);
  EXPECT_FLOAT_EQ(poses[0].keypoints[kRightAnkle].score, Sigmoid(3));
  EXPECT_FLOAT_EQ(poses[0].box.x0, 106);  // refitted (the wrist is leftmost)
}

TEST(SeparateLimbs, WithoutEvidenceOfTheOtherLegThePoseStays) {
  Heads heads;
  heads.Fire(17, 11, kLeftAnkle, 3);
  heads.Fire(17, 11, kRightAnkle, 2);
  std::vector<Pose> poses = {Legs(176)};
  SeparateLimbs(poses, heads.Views(), Options());
  EXPECT_FLOAT_EQ(poses[0].keypoints[kRightAnkle].x, 176);
}

TEST(SeparateLimbs, FeetCloseTogetherAreNotACollapse) {
  Heads heads;
  heads.Fire(17, 7, kRightAnkle, 3);
  // 20 px apart: more than 0.15 of the 96 px torso.
  std::vector<Pose> poses = {Legs(156)};
  SeparateLimbs(poses, heads.Views(), Options());
  EXPECT_FLOAT_EQ(poses[0].keypoints[kRightAnkle].x, 156);
}

TEST(SeparateLimbs, AnotherPersonsAnkleIsNotTaken) {
  Heads heads;
  heads.Fire(17, 11, kLeftAnkle, 3);
  heads.Fire(17, 7, kRightAnkle, 3);
  Pose other = Legs(112);
  for (Keypoint& k : other.keypoints) k.x -= 64;  // its left ankle sits at (112, 272)
  std::vector<Pose> poses = {Legs(176), other};
  SeparateLimbs(poses, heads.Views(), Options());
  EXPECT_FLOAT_EQ(poses[0].keypoints[kRightAnkle].x, 176);
}

}  // namespace
}  // namespace posenet
