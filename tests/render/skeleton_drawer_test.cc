// Skeleton drawing: pixels on drawn edges take the pose colour; the rest stays untouched.
#include "render/skeleton_drawer.h"

#include <gtest/gtest.h>

#include <limits>

namespace posenet {
namespace {

Rgb At(const Image& img, int x, int y) {
  const uint8_t* p = img.pixel(x, y);
  return Rgb{p[0], p[1], p[2]};
}

// All keypoints invisible (score 0) at the bottom-left corner area, except those set later.
Pose HiddenPose() {
  Pose p;
  for (Keypoint& k : p.keypoints) k = Keypoint{10, 190, 0.0f};
  return p;
}

TEST(SkeletonDrawer, DrawsConfidentEdgeInPoseColour) {
  Image img(200, 200);
  Pose pose = HiddenPose();
  pose.keypoints[kNose] = {50, 50, 0.9f};
  pose.keypoints[kLeftEye] = {150, 150, 0.8f};   // edge nose -> left_eye: drawn
  pose.keypoints[kRightEye] = {150, 50, 0.29f};  // below 0.3: edge nose -> right_eye not drawn
  DrawPoses(img, {pose});

  const Rgb color = PaletteColor(0);
  EXPECT_EQ(At(img, 100, 100), color);  // midpoint of the drawn edge
  EXPECT_EQ(At(img, 75, 75), color);
  EXPECT_EQ(At(img, 50, 50), color);   // the nose dot
  EXPECT_EQ(At(img, 100, 50), Rgb{});  // midpoint of the low-score edge
  EXPECT_EQ(At(img, 150, 50), Rgb{});  // the low-score keypoint itself
  EXPECT_EQ(At(img, 10, 190), Rgb{});  // where the hidden keypoints sit
  EXPECT_EQ(At(img, 190, 10), Rgb{});
  EXPECT_EQ(At(img, 100, 130), Rgb{});  // 30 px off the line
}

TEST(SkeletonDrawer, ThresholdIsAnOption) {
  Image img(200, 200);
  Pose pose = HiddenPose();
  pose.keypoints[kNose] = {50, 50, 0.9f};
  pose.keypoints[kRightEye] = {150, 50, 0.29f};
  DrawOptions options;
  options.threshold = 0.25f;
  DrawPoses(img, {pose}, options);
  EXPECT_EQ(At(img, 100, 50), PaletteColor(0));
}

TEST(SkeletonDrawer, OneColourPerPoseAndIdsKeepTheirColour) {
  Image img(300, 100);
  std::vector<Pose> poses(3, HiddenPose());
  for (int i = 0; i < 3; ++i) {
    poses[i].keypoints[kLeftShoulder] = {50.0f + 100 * i, 20, 1.0f};
    poses[i].keypoints[kLeftElbow] = {50.0f + 100 * i, 80, 1.0f};
  }
  poses[2].id = 7;  // tracked: palette[7], not palette[2]
  DrawPoses(img, poses);
  EXPECT_EQ(At(img, 50, 50), PaletteColor(0));
  EXPECT_EQ(At(img, 150, 50), PaletteColor(1));
  EXPECT_EQ(At(img, 250, 50), PaletteColor(7));
  EXPECT_NE(PaletteColor(0), PaletteColor(1));
  EXPECT_EQ(PaletteColor(kPaletteSize + 1), PaletteColor(1));
}

TEST(SkeletonDrawer, ThicknessScalesWithPicture) {
  EXPECT_EQ(LineThickness(641, 481), 2);
  EXPECT_EQ(LineThickness(1920, 1278), 6);
  EXPECT_EQ(LineThickness(3840, 2160), 11);
  EXPECT_EQ(LineThickness(10, 10), 2);
  // A thick line covers pixels a thin one does not.
  Image thin(200, 200), thick(200, 200);
  Pose pose = HiddenPose();
  pose.keypoints[kLeftHip] = {20, 100, 1.0f};
  pose.keypoints[kLeftKnee] = {180, 100, 1.0f};
  DrawOptions options{.threshold = 0.3f, .thickness = 2, .keypoints = false};
  DrawPoses(thin, {pose}, options);
  options.thickness = 12;
  DrawPoses(thick, {pose}, options);
  EXPECT_EQ(At(thin, 100, 100), PaletteColor(0));
  EXPECT_EQ(At(thin, 100, 104), Rgb{});
  EXPECT_EQ(At(thick, 100, 104), PaletteColor(0));
}

TEST(SkeletonDrawer, OffPictureAndNonFiniteKeypointsAreSafe) {
  Image img(50, 50);
  Pose pose = HiddenPose();
  pose.keypoints[kNose] = {-1e9f, 1e9f, 1.0f};
  pose.keypoints[kLeftEye] = {std::numeric_limits<float>::quiet_NaN(), 5, 1.0f};
  pose.keypoints[kRightEye] = {-500, 25, 1.0f};
  pose.keypoints[kRightEar] = {500, 25, 1.0f};  // edge right_eye -> right_ear crosses the picture
  DrawPoses(img, {pose});
  EXPECT_EQ(At(img, 25, 25), PaletteColor(0));
  EXPECT_EQ(At(img, 25, 5), Rgb{});
  Image empty;
  DrawPoses(empty, {pose});  // nothing to draw on: no crash
}

TEST(SkeletonDrawer, DisplaySkeletonClosesTheTorsoWithoutNoseToShoulderLines) {
  Image img(200, 200);
  Pose pose = HiddenPose();
  pose.keypoints[kNose] = {100, 20, 0.9f};
  pose.keypoints[kLeftShoulder] = {150, 60, 0.9f};
  pose.keypoints[kRightShoulder] = {50, 60, 0.9f};
  pose.keypoints[kLeftHip] = {140, 160, 0.9f};
  pose.keypoints[kRightHip] = {60, 160, 0.9f};
  DrawPoses(img, {pose});
  const Rgb color = PaletteColor(0);
  EXPECT_EQ(At(img, 100, 60), color);   // shoulder to shoulder
  EXPECT_EQ(At(img, 100, 160), color);  // hip to hip
  EXPECT_EQ(At(img, 145, 110), color);  // left shoulder to left hip
  EXPECT_EQ(At(img, 125, 40), Rgb{});   // no nose to left shoulder
  EXPECT_EQ(At(img, 75, 40), Rgb{});    // no nose to right shoulder
}

}  // namespace
}  // namespace posenet
