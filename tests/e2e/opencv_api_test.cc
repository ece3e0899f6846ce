// include/posenet/opencv.h: cv::Mat pictures in BGR, RGB, gray, BGRA and as ROIs give the
// poses the RgbView path gives for the same pixels; wrong depths are errors. Drawing on a
// cv::Mat draws what drawing on an RGB canvas draws.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "posenet/opencv.h"
#include "shared_data.h"

namespace posenet {
namespace {

class OpenCvApi : public ::testing::Test {
 protected:
  void SetUp() override {
    auto model = Model::Load(
        testing::SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite"));
    ASSERT_TRUE(model.ok()) << model.message();
    auto estimator = Estimator::Create(*model, {});
    ASSERT_TRUE(estimator.ok()) << estimator.message();
    estimator_ = std::move(estimator).value();
    bgr_ = cv::imread(testing::SharedPath("data/images/test_couple.jpg"), cv::IMREAD_COLOR);
    ASSERT_FALSE(bgr_.empty());
  }

  // The poses of `rgb` (tightly packed RGB bytes) through the plain RgbView API.
  std::vector<Pose> ViaView(const cv::Mat& rgb) {
    auto poses = estimator_->Estimate(RgbView{rgb.data, rgb.cols, rgb.rows, rgb.step[0]});
    EXPECT_TRUE(poses.ok()) << poses.message();
    return poses.ok() ? *poses : std::vector<Pose>{};
  }

  std::vector<Pose> ViaMat(const cv::Mat& m, MatColor color) {
    auto poses = Estimate(*estimator_, m, color);
    EXPECT_TRUE(poses.ok()) << poses.message();
    return poses.ok() ? *poses : std::vector<Pose>{};
  }

  static void ExpectSame(const std::vector<Pose>& a, const std::vector<Pose>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].score, b[i].score);
      for (int k = 0; k < kNumKeypoints; ++k) {
        EXPECT_EQ(a[i].keypoints[k].x, b[i].keypoints[k].x) << "pose " << i << " keypoint " << k;
        EXPECT_EQ(a[i].keypoints[k].y, b[i].keypoints[k].y) << "pose " << i << " keypoint " << k;
      }
    }
  }

  std::unique_ptr<Estimator> estimator_;
  cv::Mat bgr_;
};

TEST_F(OpenCvApi, BgrAndRgbMatsMatchTheViewPath) {
  cv::Mat rgb;
  cv::cvtColor(bgr_, rgb, cv::COLOR_BGR2RGB);
  const std::vector<Pose> expected = ViaView(rgb);
  EXPECT_GE(expected.size(), 2u);
  ExpectSame(ViaMat(bgr_, MatColor::kBgr), expected);
  ExpectSame(ViaMat(rgb, MatColor::kRgb), expected);
  cv::Mat bgra;
  cv::cvtColor(bgr_, bgra, cv::COLOR_BGR2BGRA);
  ExpectSame(ViaMat(bgra, MatColor::kBgr), expected);
}

TEST_F(OpenCvApi, GrayMatIsExpandedToRgb) {
  cv::Mat gray, rgb;
  cv::cvtColor(bgr_, gray, cv::COLOR_BGR2GRAY);
  cv::cvtColor(gray, rgb, cv::COLOR_GRAY2RGB);
  ExpectSame(ViaMat(gray, MatColor::kBgr), ViaView(rgb));
}

TEST_F(OpenCvApi, RoiWithPaddedRowsMatchesACopy) {
  const cv::Rect box(10, 20, bgr_.cols - 40, bgr_.rows - 30);
  const cv::Mat roi = bgr_(box);  // rows keep the full picture's stride
  ASSERT_GT(roi.step[0], static_cast<size_t>(roi.cols) * 3);
  ExpectSame(ViaMat(roi, MatColor::kBgr), ViaMat(roi.clone(), MatColor::kBgr));
}

TEST_F(OpenCvApi, WrongDepthOrChannelsIsAnError) {
  cv::Mat floats(64, 64, CV_32FC3, cv::Scalar(0));
  EXPECT_FALSE(Estimate(*estimator_, floats).ok());
  cv::Mat two(64, 64, CV_8UC2, cv::Scalar(0));
  auto r = Estimate(*estimator_, two);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("2 channels"), std::string::npos) << r.message();
  EXPECT_FALSE(Estimate(*estimator_, cv::Mat()).ok());
}

TEST_F(OpenCvApi, DrawsOnMatsWhatTheRgbCanvasGets) {
  const std::vector<Pose> poses = ViaMat(bgr_, MatColor::kBgr);
  cv::Mat rgb;
  cv::cvtColor(bgr_, rgb, cv::COLOR_BGR2RGB);
  ASSERT_TRUE(DrawPoses(Canvas{rgb.data, rgb.cols, rgb.rows, rgb.step[0]}, poses).ok());
  cv::Mat expected_bgr;
  cv::cvtColor(rgb, expected_bgr, cv::COLOR_RGB2BGR);

  cv::Mat drawn = bgr_.clone();
  ASSERT_TRUE(DrawPoses(drawn, poses).ok());
  EXPECT_EQ(cv::norm(drawn, expected_bgr, cv::NORM_INF), 0.0);
  EXPECT_GT(cv::norm(drawn, bgr_, cv::NORM_INF), 0.0);

  cv::Mat bgra;
  cv::cvtColor(bgr_, bgra, cv::COLOR_BGR2BGRA);
  ASSERT_TRUE(DrawPoses(bgra, poses).ok());
  cv::Mat bgra_as_bgr;
  cv::cvtColor(bgra, bgra_as_bgr, cv::COLOR_BGRA2BGR);
  EXPECT_EQ(cv::norm(bgra_as_bgr, expected_bgr, cv::NORM_INF), 0.0);

  cv::Mat gray(64, 64, CV_8UC1, cv::Scalar(0));
  const Status s = DrawPoses(gray, poses);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "cannot draw poses: cv::Mat has 1 channels, expected 3 or 4");
}

}  // namespace
}  // namespace posenet
