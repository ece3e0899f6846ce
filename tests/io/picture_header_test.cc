// Header parsing: sizes from bytes crafted by hand or encoded by OpenCV, JPEG completeness.
#include "io/picture_header.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "../support/shared_data.h"
#include "io/jpeg_scan.h"

namespace posenet {
namespace {

std::vector<uint8_t> Encode(const std::string& ext, int w, int h, std::vector<int> params = {}) {
  cv::Mat m(h, w, CV_8UC3, cv::Scalar(10, 20, 30));
  std::vector<uint8_t> out;
  EXPECT_TRUE(cv::imencode(ext, m, out, params));
  return out;
}

TEST(PictureHeader, SizesOfEncodedFiles) {
  struct Case {
    const char* ext;
    PictureFormat format;
    std::vector<int> params;
  };
  const Case cases[] = {{".jpg", PictureFormat::kJpeg, {}},
                        {".png", PictureFormat::kPng, {}},
                        {".bmp", PictureFormat::kBmp, {}},
                        {".webp", PictureFormat::kWebp, {cv::IMWRITE_WEBP_QUALITY, 80}},
                        {".webp", PictureFormat::kWebp, {cv::IMWRITE_WEBP_QUALITY, 101}},
                        {".tiff", PictureFormat::kTiff, {}}};
  for (const Case& c : cases) {
    const std::vector<uint8_t> bytes = Encode(c.ext, 37, 21, c.params);
    auto h = ReadPictureHeader(bytes);
    ASSERT_TRUE(h.ok()) << c.ext << ": " << h.message();
    EXPECT_EQ(h->format, c.format) << c.ext;
    EXPECT_EQ(h->width, 37) << c.ext;
    EXPECT_EQ(h->height, 21) << c.ext;
  }
}

TEST(PictureHeader, SharedJpeg) {
  const auto bytes = testing::ReadBytes(testing::SharedPath("data/images/test_couple.jpg"));
  auto h = ReadPictureHeader(bytes);
  ASSERT_TRUE(h.ok()) << h.message();
  EXPECT_EQ(h->width, 1920);
  EXPECT_EQ(h->height, 1278);
}

TEST(PictureHeader, HandMadeBmpTopDownAndTiffBigEndian) {
  std::vector<uint8_t> bmp(54, 0);
  bmp[0] = 'B';
  bmp[1] = 'M';
  bmp[14] = 40;                                        // BITMAPINFOHEADER
  bmp[18] = 0x10;                                      // width 16
  bmp[22] = 0xF8, bmp[23] = bmp[24] = bmp[25] = 0xFF;  // height -8: top-down rows
  auto b = ReadPictureHeader(bmp);
  ASSERT_TRUE(b.ok()) << b.message();
  EXPECT_EQ(b->width, 16);
  EXPECT_EQ(b->height, 8);

  // "MM", 42, IFD at 8: two entries, width SHORT 300, height LONG 70000.
  const std::vector<uint8_t> tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0,    2,                 //
                                     1,   0,   0, 3,  0, 0, 0, 1, 0x01, 0x2C, 0,    0,     //
                                     1,   1,   0, 4,  0, 0, 0, 1, 0,    1,    0x11, 0x70,  //
                                     0,   0,   0, 0};
  auto t = ReadPictureHeader(tiff);
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(t->width, 300);
  EXPECT_EQ(t->height, 70000);
}

TEST(PictureHeader, RejectsUnknownAndShortData) {
  const std::string text = "hello, this is not a picture";
  auto r = ReadPictureHeader({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), "not a JPEG, PNG, BMP, WebP, TIFF, PNM or JPEG 2000 file");
  const std::vector<uint8_t> png_sig = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
  auto p = ReadPictureHeader(png_sig);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.message(), "truncated PNG header");
  std::vector<uint8_t> png = Encode(".png", 4, 4);
  ASSERT_TRUE(ReadPictureHeader(png).ok());
  png.resize(png.size() - 1);  // the IEND chunk's CRC is cut
  auto cut = ReadPictureHeader(png);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.message(), "truncated PNG file (no IEND chunk)");
  const std::vector<uint8_t> tiff_bad_ifd = {'I', 'I', 42, 0, 0xFF, 0xFF, 0, 0};
  EXPECT_FALSE(ReadPictureHeader(tiff_bad_ifd).ok());
}

TEST(JpegScan, CompleteFileWithTrailingBytes) {
  std::vector<uint8_t> jpg = Encode(".jpg", 8, 8);
  jpg.insert(jpg.end(), {1, 2, 3, 0xFF});
  auto f = ScanJpeg(jpg);
  ASSERT_TRUE(f.ok()) << f.message();
  EXPECT_EQ(f->width, 8);
}

TEST(JpegScan, ProgressiveFileIsComplete) {
  // Progressive JPEGs have several scans with tables between them.
  const std::vector<uint8_t> jpg = Encode(".jpg", 64, 48, {cv::IMWRITE_JPEG_PROGRESSIVE, 1});
  auto f = ScanJpeg(jpg);
  ASSERT_TRUE(f.ok()) << f.message();
  EXPECT_EQ(f->width, 64);
  EXPECT_EQ(f->height, 48);
}

TEST(JpegScan, EveryCutIsTruncated) {
  const std::vector<uint8_t> jpg = Encode(".jpg", 16, 16);
  // Any prefix that stops before the final FF D9 lacks the end-of-image marker.
  for (size_t n = 2; n + 2 <= jpg.size(); n += 7) {
    auto f = ScanJpeg(std::span(jpg.data(), n));
    ASSERT_FALSE(f.ok()) << "prefix " << n;
  }
  EXPECT_TRUE(ScanJpeg(jpg).ok());
}

}  // namespace
}  // namespace posenet
