// Labels and pose thumbnails: where they land, their size, and hostile coordinates.
#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "render/annotations.h"

namespace posenet {
namespace {

Pose StandingPose(float x, float y) {
  Pose p;
  p.id = 2;
  for (int k = 0; k < kNumKeypoints; ++k) p.keypoints[k] = {x + (k % 2) * 20, y + 10.0f * k, 0.9f};
  return p;
}

bool HasColour(const Image& image, Rgb c) {
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      const uint8_t* p = image.pixel(x, y);
      if (p[0] == c.r && p[1] == c.g && p[2] == c.b) return true;
    }
  }
  return false;
}

TEST(PoseThumbnailTest, CropsAroundThePoseDrawsItAndScales) {
  Image frame(640, 480);                     // black
  const Pose pose = StandingPose(300, 100);  // 20 x 160 px of keypoints
  const Image thumb = PoseThumbnail(frame.view(), pose, 100);
  ASSERT_FALSE(thumb.empty());
  EXPECT_EQ(thumb.height(), 100);
  // The crop is the keypoints' box plus 0.15 x 160 + 8 = 32 px each side: 84 x 224, so about
  // 38 px wide at 100 high.
  EXPECT_NEAR(thumb.width(), 84 * 100 / 224, 2);
  EXPECT_TRUE(HasColour(thumb, PoseColor(pose, 0)));
}

TEST(PoseThumbnailTest, HostileCoordinatesGiveASmallPictureOrNone) {
  Image frame(64, 48);
  Pose far = StandingPose(1e30f, -1e30f);
  far.keypoints[0] = {std::numeric_limits<float>::quiet_NaN(), 5, 1};
  const Image thumb = PoseThumbnail(frame.view(), far, 50);
  EXPECT_LE(thumb.width(), 200);
  Pose nowhere;
  for (Keypoint& k : nowhere.keypoints) k = {std::numeric_limits<float>::infinity(), 0, 1};
  EXPECT_TRUE(PoseThumbnail(frame.view(), nowhere, 50).empty());
}

TEST(DrawLabelTest, StaysInsideThePicture) {
  Image image(200, 100);
  DrawLabel(image, 190, 95, "squat 3 | 80 deg", {200, 0, 0});  // would overflow right and down
  EXPECT_TRUE(HasColour(image, {200, 0, 0}));
  const uint8_t* corner = image.pixel(199, 99);
  EXPECT_EQ(corner[0], 200);  // the box was moved in, up to the corner
  DrawLabel(image, std::numeric_limits<float>::quiet_NaN(), 0, "x", {0, 0, 200});
  DrawLabel(image, 1e30f, -1e30f, "x", {0, 0, 200});  // clamped, no crash
}

TEST(DrawLabelTest, PoseLabelsSayIdAndScoreAboveThePose) {
  Pose pose;
  for (Keypoint& k : pose.keypoints) k = {10, 190, 0.0f};  // hidden, except two
  pose.score = 0.8371f;
  EXPECT_EQ(PoseLabel(pose), "0.84");
  pose.id = 3;
  EXPECT_EQ(PoseLabel(pose), "id 3  0.84");
  pose.keypoints[kLeftHip] = {100, 120, 1.0f};
  pose.keypoints[kLeftKnee] = {100, 180, 1.0f};
  Image with(200, 200), without(200, 200);
  DrawPoses(with, {pose});
  DrawPoses(without, {pose});
  DrawPoseLabels(with, {pose}, 0.3f);
  // The label adds pixels above the top keypoint, nothing below it, in a box of the pose colour.
  int above = 0, below = 0;
  for (int y = 0; y < 200; ++y) {
    for (int x = 0; x < 200; ++x) {
      if (std::memcmp(with.pixel(x, y), without.pixel(x, y), 3) == 0) continue;
      (y < 120 ? above : below)++;
    }
  }
  EXPECT_GT(above, 20);
  EXPECT_EQ(below, 0);
  EXPECT_TRUE(HasColour(with, PoseColor(pose, 0)));
  // A pose with nothing above the threshold gets no label.
  Image none(200, 200);
  DrawPoseLabels(none, {pose}, 1.5f);
  EXPECT_FALSE(HasColour(none, PoseColor(pose, 0)));
}

TEST(DrawLabelTest, CaptionIsWhiteOnBlackInTheCorner) {
  Image image(300, 200);
  std::memset(image.data(), 200, image.size_bytes());
  DrawLabel(image, 0, 0, "inference 20.0 ms (50.0 frames/s)", {0, 0, 0});
  int light = 0;  // the white text on the black box
  for (int x = 0; x < 150; ++x) {
    for (int y = 0; y < 20; ++y)
      light += image.pixel(x, y)[0] > 220;  // brighter than the background
  }
  EXPECT_GT(light, 10);
  EXPECT_EQ(image.pixel(1, 1)[0], 0);        // the box
  EXPECT_EQ(image.pixel(250, 150)[0], 200);  // the rest untouched
}

}  // namespace
}  // namespace posenet
