// Reading and saving picture files: format round trips, colour conversion, EXIF orientation.
#include "io/image_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "../support/shared_data.h"
#include "base/file.h"
#include "base/output_file.h"

namespace posenet {
namespace {

// A BGR test card with distinct values in every channel of every pixel.
cv::Mat Card(int w, int h) {
  cv::Mat m(h, w, CV_8UC3);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      m.at<cv::Vec3b>(y, x) =
          cv::Vec3b(static_cast<uint8_t>(x * 7 + y), static_cast<uint8_t>(y * 11 + 3),
                    static_cast<uint8_t>(x * y + 100));
    }
  }
  return m;
}

std::string WriteEncoded(const std::string& dir, const std::string& name, const cv::Mat& m,
                         const std::vector<int>& params = {}) {
  std::vector<uint8_t> bytes;
  EXPECT_TRUE(cv::imencode(std::filesystem::path(name).extension().string(), m, bytes, params));
  const std::string path = dir + "/" + name;
  EXPECT_TRUE(WriteFileAtomically(path, bytes.data(), bytes.size()).ok());
  return path;
}

// Expects `img` to be the BGR `m` in RGB order, exactly.
void ExpectSameAsBgr(const Image& img, const cv::Mat& m, const std::string& what) {
  ASSERT_EQ(img.width(), m.cols) << what;
  ASSERT_EQ(img.height(), m.rows) << what;
  for (int y = 0; y < m.rows; ++y) {
    for (int x = 0; x < m.cols; ++x) {
      const cv::Vec3b bgr = m.at<cv::Vec3b>(y, x);
      const uint8_t* rgb = img.pixel(x, y);
      ASSERT_EQ(rgb[0], bgr[2]) << what << " at " << x << "," << y;
      ASSERT_EQ(rgb[1], bgr[1]) << what << " at " << x << "," << y;
      ASSERT_EQ(rgb[2], bgr[0]) << what << " at " << x << "," << y;
    }
  }
}

TEST(ReadPicture, LosslessFormatsRoundTripAsRgb) {
  const std::string dir = testing::TempDir();
  const cv::Mat card = Card(23, 17);
  const std::pair<std::string, std::vector<int>> files[] = {
      {"card.png", {}},
      {"card.bmp", {}},
      {"card.webp", {cv::IMWRITE_WEBP_QUALITY, 101}},  // > 100 means lossless
      {"card.tiff", {}},
      {"card.TIF", {}}};
  for (const auto& [name, params] : files) {
    const std::string path = WriteEncoded(dir, name, card, params);
    auto img = ReadPicture(path);
    ASSERT_TRUE(img.ok()) << img.message();
    ExpectSameAsBgr(*img, card, name);
  }
}

TEST(ReadPicture, GrayscaleBecomesEqualRgb) {
  const std::string dir = testing::TempDir();
  cv::Mat gray(5, 6, CV_8UC1);
  for (int i = 0; i < 30; ++i) gray.data[i] = static_cast<uint8_t>(i * 8);
  auto img = ReadPicture(WriteEncoded(dir, "gray.png", gray));
  ASSERT_TRUE(img.ok()) << img.message();
  ASSERT_EQ(img->width(), 6);
  for (int i = 0; i < 30; ++i) {
    const uint8_t* p = img->data() + 3 * i;
    EXPECT_EQ(p[0], i * 8);
    EXPECT_EQ(p[1], i * 8);
    EXPECT_EQ(p[2], i * 8);
  }
}

TEST(ReadPicture, AlphaIsDropped) {
  const std::string dir = testing::TempDir();
  // BGRA: blue 10, green 20, red 30; half the pixels fully transparent.
  cv::Mat bgra(4, 4, CV_8UC4, cv::Scalar(10, 20, 30, 255));
  bgra(cv::Rect(0, 0, 4, 2)).setTo(cv::Scalar(10, 20, 30, 0));
  auto img = ReadPicture(WriteEncoded(dir, "alpha.png", bgra));
  ASSERT_TRUE(img.ok()) << img.message();
  for (int i = 0; i < 16; ++i) {
    const uint8_t* p = img->data() + 3 * i;
    EXPECT_EQ(p[0], 30);
    EXPECT_EQ(p[1], 20);
    EXPECT_EQ(p[2], 10);
  }
}

TEST(ReadPicture, OnePixelPictureIsValid) {
  const std::string dir = testing::TempDir();
  auto img = ReadPicture(WriteEncoded(dir, "dot.png", cv::Mat(1, 1, CV_8UC3, cv::Scalar(1, 2, 3))));
  ASSERT_TRUE(img.ok()) << img.message();
  EXPECT_EQ(img->width(), 1);
  EXPECT_EQ(img->height(), 1);
  EXPECT_EQ(img->bytes(), (std::vector<uint8_t>{3, 2, 1}));
}

// A JPEG of a w x h picture whose top-left quarter is red and the rest blue, with an APP1 Exif
// segment (big-endian TIFF, one IFD entry: Orientation = `orientation`) right after SOI.
std::vector<uint8_t> JpegWithOrientation(int w, int h, uint16_t orientation) {
  cv::Mat m(h, w, CV_8UC3, cv::Scalar(255, 0, 0));
  m(cv::Rect(0, 0, w / 2, h / 2)).setTo(cv::Scalar(0, 0, 255));
  std::vector<uint8_t> jpg;
  EXPECT_TRUE(cv::imencode(".jpg", m, jpg, {cv::IMWRITE_JPEG_QUALITY, 100}));
  const std::vector<uint8_t> payload = {'E',
                                        'x',
                                        'i',
                                        'f',
                                        0,
                                        0,  // Exif identifier
                                        'M',
                                        'M',
                                        0,
                                        42,
                                        0,
                                        0,
                                        0,
                                        8,  // TIFF header, IFD0 at 8
                                        0,
                                        1,  // one entry
                                        0x01,
                                        0x12,
                                        0,
                                        3,
                                        0,
                                        0,
                                        0,
                                        1,  // tag 0x0112 Orientation, SHORT, count 1
                                        static_cast<uint8_t>(orientation >> 8),
                                        static_cast<uint8_t>(orientation),
                                        0,
                                        0,
                                        0,
                                        0,
                                        0,
                                        0};  // no next IFD
  const size_t length = payload.size() + 2;
  std::vector<uint8_t> app1 = {0xFF, 0xE1, static_cast<uint8_t>(length >> 8),
                               static_cast<uint8_t>(length)};
  app1.insert(app1.end(), payload.begin(), payload.end());
  jpg.insert(jpg.begin() + 2, app1.begin(), app1.end());
  return jpg;
}

TEST(ReadPicture, ExifOrientationAppliedByDefault) {
  const std::string dir = testing::TempDir();
  const std::vector<uint8_t> jpg = JpegWithOrientation(64, 32, 6);
  const std::string path = dir + "/rotated.jpg";
  ASSERT_TRUE(WriteFileAtomically(path, jpg.data(), jpg.size()).ok());

  auto upright = ReadPicture(path);
  ASSERT_TRUE(upright.ok()) << upright.message();
  EXPECT_EQ(upright->width(), 32);
  EXPECT_EQ(upright->height(), 64);
  // Orientation 6 = rotate 90 degrees clockwise to display: the stored top-left corner ends
  // up top-right.
  EXPECT_GT(upright->pixel(28, 4)[0], 200);  // red
  EXPECT_LT(upright->pixel(4, 4)[0], 50);    // blue
  EXPECT_GT(upright->pixel(4, 4)[2], 200);

  PictureReadOptions ignore;
  ignore.apply_exif_orientation = false;
  auto stored = ReadPicture(path, ignore);
  ASSERT_TRUE(stored.ok()) << stored.message();
  EXPECT_EQ(stored->width(), 64);
  EXPECT_EQ(stored->height(), 32);
  EXPECT_GT(stored->pixel(4, 4)[0], 200);  // red, top-left as stored
}

TEST(SavePicture, PngRoundTripsExactly) {
  const std::string dir = testing::TempDir();
  Image img(9, 4);
  for (size_t i = 0; i < img.size_bytes(); ++i) img.data()[i] = static_cast<uint8_t>(i * 5);
  const std::string path = dir + "/out.png";
  ASSERT_TRUE(SavePicture(path, img.view()).ok());
  auto back = ReadPicture(path);
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(back->bytes(), img.bytes());
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp-posenet"));
}

TEST(SavePicture, JpegIsCloseAndColoursStayInPlace) {
  const std::string dir = testing::TempDir();
  Image img(16, 16);
  for (int y = 0; y < 16; ++y) {
    for (int x = 0; x < 16; ++x) {
      uint8_t* p = img.pixel(x, y);
      p[0] = 200, p[1] = 40, p[2] = 90;
    }
  }
  const std::string path = dir + "/out.JPG";
  ASSERT_TRUE(SavePicture(path, img.view()).ok());
  auto back = ReadPicture(path);
  ASSERT_TRUE(back.ok()) << back.message();
  for (size_t i = 0; i < back->size_bytes(); ++i) {
    EXPECT_NEAR(back->data()[i], img.data()[i], 4) << i;
  }
}

TEST(SavePicture, UnwritablePathGivesOneLineAndNoFile) {
  const std::string dir = testing::TempDir();
  const std::string path = dir + "/no/such/folder/out.png";
  const Image img(2, 2);
  const Status s = SavePicture(path, img.view());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind(path + ": cannot save picture: ", 0), 0u) << s.message();
  EXPECT_EQ(s.message().find('\n'), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(path));

  const Status ext = SavePicture(dir + "/out.gif", img.view());
  ASSERT_FALSE(ext.ok());
  EXPECT_NE(ext.message().find("unknown extension"), std::string::npos) << ext.message();
}

}  // namespace
}  // namespace posenet
