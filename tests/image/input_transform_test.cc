// Pad-mode geometry (tfjs padAndResizeTo) and the model <-> picture coordinate mapping.
#include "image/input_transform.h"

#include <gtest/gtest.h>

namespace posenet {
namespace {

TEST(TfjsBorders, WidePicturePadsTopAndBottom) {
  // 1000x667 into 641x481: 481/641 * 1000 = 750.39; 0.5 * (750.39 - 667) = 41.70 -> 42.
  const Borders p = TfjsBorders(1000, 667, 641, 481);
  EXPECT_EQ(p.top, 42);
  EXPECT_EQ(p.bottom, 42);
  EXPECT_EQ(p.left, 0);
  EXPECT_EQ(p.right, 0);
}

TEST(TfjsBorders, TallPicturePadsLeftAndRight) {
  // 820x1024 into 641x481: 641/481 * 1024 = 1364.62; 0.5 * (1364.62 - 820) = 272.31 -> 272.
  const Borders p = TfjsBorders(820, 1024, 641, 481);
  EXPECT_EQ(p.left, 272);
  EXPECT_EQ(p.right, 272);
  EXPECT_EQ(p.top, 0);
  EXPECT_EQ(p.bottom, 0);
}

TEST(TfjsBorders, HalvesRoundUpAsMathRound) {
  // 2x1 into 2x2: 0.5 * (2 - 1) = 0.5 -> 1 (Math.round), not 0 (banker's rounding).
  EXPECT_EQ(TfjsBorders(2, 1, 2, 2).top, 1);
  // Same aspect: no border.
  const Borders p = TfjsBorders(1282, 962, 641, 481);
  EXPECT_EQ(p.top + p.bottom + p.left + p.right, 0);
}

TEST(InputTransform, StretchScalesEachAxis) {
  auto t = ComputeInputTransform(1920, 1278, 641, 481, ResizeMode::kStretch);
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_DOUBLE_EQ(t->scale_x, 1920.0 / 641.0);
  EXPECT_DOUBLE_EQ(t->scale_y, 1278.0 / 481.0);
  EXPECT_DOUBLE_EQ(t->ToPictureX(641), 1920);
  EXPECT_DOUBLE_EQ(t->ToPictureY(0), 0);
}

TEST(InputTransform, PadMapsBackAsTfjsScaleAndFlipPoses) {
  auto t = ComputeInputTransform(1000, 667, 641, 481, ResizeMode::kPad);
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(t->padded_width(), 1000);
  EXPECT_EQ(t->padded_height(), 751);
  EXPECT_DOUBLE_EQ(t->scale_x, 1000.0 / 641.0);
  EXPECT_DOUBLE_EQ(t->scale_y, 751.0 / 481.0);
  // The model's top edge is 42 picture pixels above the picture; its bottom edge 42 below.
  EXPECT_DOUBLE_EQ(t->ToPictureY(0), -42);
  EXPECT_NEAR(t->ToPictureY(481), 667 + 42, 1e-9);
  // A keypoint at model (320.5, 240.5) -> picture (320.5 * 1000/641, 240.5 * 751/481 - 42).
  EXPECT_NEAR(t->ToPictureX(320.5), 320.5 * 1000.0 / 641.0, 1e-9);
  EXPECT_NEAR(t->ToPictureY(240.5), 240.5 * 751.0 / 481.0 - 42.0, 1e-9);
}

TEST(InputTransform, RoundTripsBothWays) {
  for (ResizeMode mode : {ResizeMode::kStretch, ResizeMode::kPad}) {
    for (auto [w, h] : {std::pair{1000, 667}, std::pair{820, 1024}, std::pair{1, 1}}) {
      auto t = ComputeInputTransform(w, h, 481, 353, mode);
      ASSERT_TRUE(t.ok()) << t.message();
      for (double m : {0.0, 0.5, 17.25, 352.0, 480.99}) {
        EXPECT_NEAR(t->ToModelX(t->ToPictureX(m)), m, 1e-9);
        EXPECT_NEAR(t->ToModelY(t->ToPictureY(m)), m, 1e-9);
      }
      for (double p : {-3.0, 0.0, 0.5, 123.0}) {
        EXPECT_NEAR(t->ToPictureX(t->ToModelX(p)), p, 1e-9);
        EXPECT_NEAR(t->ToPictureY(t->ToModelY(p)), p, 1e-9);
      }
    }
  }
}

TEST(InputTransform, RejectsEmptyAndAbsurdSizes) {
  EXPECT_FALSE(ComputeInputTransform(0, 10, 641, 481, ResizeMode::kStretch).ok());
  EXPECT_FALSE(ComputeInputTransform(10, 10, 641, -1, ResizeMode::kStretch).ok());
  auto thin = ComputeInputTransform(2000000000, 1, 1, 1000, ResizeMode::kPad);
  ASSERT_FALSE(thin.ok());
  EXPECT_NE(thin.message().find("aspect ratio"), std::string::npos);
}

}  // namespace
}  // namespace posenet
