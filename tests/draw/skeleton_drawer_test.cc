// Skeleton drawing: pixels on drawn edges take the pose colour; the rest stays untouched. The
// public canvas API (posenet/draw.h) draws the same in every pixel format and rejects bad
// canvases.
#include "draw/skeleton_drawer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

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

TEST(SkeletonDrawer, EdgesFadeOverOnePixel) {
  // A horizontal edge on row 100, thickness 2 (1 px each side): row 100 is covered fully, row
  // 101 (1 px away) half: coverage = half + 0.5 - d = 0.5; row 102 not at all.
  Image img(200, 200);
  Pose pose = HiddenPose();
  pose.keypoints[kLeftHip] = {20, 100, 1.0f};
  pose.keypoints[kLeftKnee] = {180, 100, 1.0f};
  DrawPoses(img, {pose}, DrawOptions{.threshold = 0.3f, .thickness = 2, .keypoints = false});
  const Rgb c = PaletteColor(0);
  const auto half = [](uint8_t v) { return static_cast<uint8_t>(std::lround(v * 0.5)); };
  EXPECT_EQ(At(img, 100, 100), c);
  EXPECT_EQ(At(img, 100, 101), (Rgb{half(c.r), half(c.g), half(c.b)}));
  EXPECT_EQ(At(img, 100, 99), (Rgb{half(c.r), half(c.g), half(c.b)}));
  EXPECT_EQ(At(img, 100, 102), Rgb{});
  // The round cap: 0.5 px beyond the end point, coverage 0.5 again; 1.5 px beyond, nothing.
  EXPECT_EQ(At(img, 181, 100), (Rgb{half(c.r), half(c.g), half(c.b)}));
  EXPECT_EQ(At(img, 182, 100), Rgb{});
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

// A picture with a diagonal, a dot and a clipped edge, drawn on an RGB Image.
Pose Sample() {
  Pose pose = HiddenPose();
  pose.keypoints[kNose] = {12.3f, 20.7f, 0.9f};
  pose.keypoints[kLeftEye] = {70.2f, 48.9f, 0.8f};
  pose.keypoints[kLeftEar] = {140.0f, 30.0f, 0.8f};  // off the 100 px wide picture
  return pose;
}

TEST(DrawCanvas, EveryPixelFormatDrawsWhatRgbDraws) {
  Image rgb(100, 60);
  for (size_t i = 0; i < rgb.size_bytes(); ++i) rgb.data()[i] = static_cast<uint8_t>(i * 7);
  Image expected = rgb;
  DrawPoses(expected, {Sample()});
  ASSERT_NE(expected.bytes(), rgb.bytes());
  for (PixelFormat format : {PixelFormat::kBgr, PixelFormat::kRgba, PixelFormat::kBgra}) {
    // The same picture in `format`, rows padded by 5 bytes, alpha 77.
    const int bpp = BytesPerPixel(format);
    const size_t stride = static_cast<size_t>(rgb.width()) * bpp + 5;
    std::vector<uint8_t> bytes(stride * rgb.height(), 99);
    for (int y = 0; y < rgb.height(); ++y) {
      for (int x = 0; x < rgb.width(); ++x) {
        uint8_t* p = bytes.data() + y * stride + x * bpp;
        const uint8_t* q = rgb.pixel(x, y);
        p[0] = IsBlueFirst(format) ? q[2] : q[0];
        p[1] = q[1];
        p[2] = IsBlueFirst(format) ? q[0] : q[2];
        if (bpp == 4) {
          p[3] = 77;
        }
      }
    }
    const Canvas canvas{bytes.data(), rgb.width(), rgb.height(), stride, format};
    ASSERT_TRUE(DrawPoses(canvas, {Sample()}).ok());
    for (int y = 0; y < rgb.height(); ++y) {
      for (int x = 0; x < rgb.width(); ++x) {
        const uint8_t* p = bytes.data() + y * stride + x * bpp;
        const uint8_t* q = expected.pixel(x, y);
        ASSERT_EQ(p[IsBlueFirst(format) ? 2 : 0], q[0]) << x << "," << y;
        ASSERT_EQ(p[1], q[1]) << x << "," << y;
        ASSERT_EQ(p[IsBlueFirst(format) ? 0 : 2], q[2]) << x << "," << y;
        if (bpp == 4) {
          ASSERT_EQ(p[3], 77) << "alpha changed at " << x << "," << y;
        }
      }
      for (size_t pad = rgb.width() * bpp; pad < stride; ++pad) {
        ASSERT_EQ(bytes[y * stride + pad], 99) << "row padding changed on row " << y;
      }
    }
  }
}

TEST(DrawCanvas, BadCanvasesAreErrorsAndDrawNothing) {
  std::vector<uint8_t> bytes(30 * 30 * 3, 0);
  const std::vector<uint8_t> untouched = bytes;
  const auto expect_error = [&](const Canvas& canvas, const DrawOptions& options,
                                const std::string& words) {
    const Status s = DrawPoses(canvas, {Sample()}, options);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("cannot draw poses: " + words), std::string::npos) << s.message();
    EXPECT_EQ(bytes, untouched);
  };
  expect_error(Canvas{nullptr, 30, 30, 90}, {}, "picture without pixels");
  expect_error(Canvas{bytes.data(), 30, 30, 89}, {}, "picture without pixels or with a bad stride");
  expect_error(Canvas{bytes.data(), 30, 30, 90, PixelFormat::kRgba}, {}, "picture without pixels");
  expect_error(Canvas{bytes.data(), 30, 30, 90, static_cast<PixelFormat>(9)}, {},
               "unknown pixel format");
  expect_error(Canvas{bytes.data(), -1, 30, 90}, {}, "negative picture size");
  DrawOptions negative;
  negative.thickness = -3;
  expect_error(Canvas{bytes.data(), 30, 30, 90}, negative, "negative thickness -3");
  // No pixels to draw on is not an error.
  EXPECT_TRUE(DrawPoses(Canvas{nullptr, 0, 0, 0}, {Sample()}).ok());
  EXPECT_TRUE(DrawPoses(Canvas{bytes.data(), 30, 30, 90}, {Sample()}).ok());
  EXPECT_NE(bytes, untouched);
}

}  // namespace
}  // namespace posenet
