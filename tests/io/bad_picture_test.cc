// Garbage in: every bad file gives one line "<path>: cannot read picture: <reason>".
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "../support/shared_data.h"
#include "base/file.h"
#include "base/output_file.h"
#include "io/image_file.h"

namespace posenet {
namespace {

std::string WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  EXPECT_TRUE(WriteFileAtomically(path, bytes.data(), bytes.size()).ok());
  return path;
}

// Checks the error and returns its reason (the text after the fixed prefix).
std::string ExpectPictureError(const std::string& path, const PictureReadOptions& options = {}) {
  auto r = ReadPicture(path, options);
  EXPECT_FALSE(r.ok()) << path << " was accepted";
  if (r.ok()) return "";
  const std::string& m = r.message();
  const std::string prefix = path + ": cannot read picture: ";
  EXPECT_EQ(m.rfind(prefix, 0), 0u) << m;
  EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  EXPECT_GT(m.size(), prefix.size()) << m;
  return m.substr(std::min(prefix.size(), m.size()));
}

uint32_t Crc32(const uint8_t* data, size_t n) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void PutBe32(std::vector<uint8_t>& v, uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<uint8_t>(x >> s));
}

// A well-formed PNG start whose IHDR (with a valid CRC) claims w x h RGB pixels, followed by
// a tiny IDAT and IEND: a decoder trusting the header would allocate w * h * 3 bytes.
std::vector<uint8_t> PngHeader(uint32_t w, uint32_t h) {
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<uint8_t> ihdr = {'I', 'H', 'D', 'R'};
  PutBe32(ihdr, w);
  PutBe32(ihdr, h);
  ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});  // 8-bit RGB, deflate, no filter, no interlace
  PutBe32(png, 13);
  png.insert(png.end(), ihdr.begin(), ihdr.end());
  PutBe32(png, Crc32(ihdr.data(), ihdr.size()));
  const std::array<uint8_t, 4> iend = {'I', 'E', 'N', 'D'};
  PutBe32(png, 0);
  png.insert(png.end(), iend.begin(), iend.end());
  PutBe32(png, Crc32(iend.data(), iend.size()));
  return png;
}

TEST(BadPicture, MissingFile) {
  const std::string path = testing::TempDir() + "/missing.jpg";
  EXPECT_EQ(ExpectPictureError(path), "no such file");
}

TEST(BadPicture, Directory) {
  const std::string dir = testing::TempDir();
  EXPECT_EQ(ExpectPictureError(dir), "it is a directory");
}

TEST(BadPicture, EmptyFile) {
  const std::string path = WriteBytes(testing::TempDir() + "/empty.png", {});
  EXPECT_EQ(ExpectPictureError(path), "the file is empty");
}

TEST(BadPicture, TextFileNamedJpg) {
  const std::string text = "this is not a picture\nsecond line\n";
  const std::string path =
      WriteBytes(testing::TempDir() + "/notes.jpg", std::vector<uint8_t>(text.begin(), text.end()));
  EXPECT_EQ(ExpectPictureError(path), "not a JPEG, PNG, BMP, WebP, TIFF, PNM or JPEG 2000 file");
}

TEST(BadPicture, TruncatedJpeg) {
  std::vector<uint8_t> jpg = testing::ReadBytes(testing::SharedPath("data/images/test_couple.jpg"));
  ASSERT_GT(jpg.size(), 1000u);
  jpg.resize(jpg.size() / 2);
  const std::string path = WriteBytes(testing::TempDir() + "/half.jpg", jpg);
  EXPECT_NE(ExpectPictureError(path).find("truncated"), std::string::npos);
}

TEST(BadPicture, TruncatedPng) {
  cv::Mat m(64, 64, CV_8UC3);
  cv::randu(m, 0, 255);  // incompressible, so half the file is half the pixels
  std::vector<uint8_t> png;
  ASSERT_TRUE(cv::imencode(".png", m, png));
  png.resize(png.size() / 2);
  const std::string path = WriteBytes(testing::TempDir() + "/half.png", png);
  EXPECT_NE(ExpectPictureError(path).find("truncated PNG"), std::string::npos);
}

TEST(BadPicture, HugePngHeaderIsRefusedBeforeDecoding) {
  const std::string path = WriteBytes(testing::TempDir() + "/huge.png", PngHeader(30000, 30000));
  const std::string reason = ExpectPictureError(path);
  EXPECT_NE(reason.find("30000x30000 is too large"), std::string::npos) << reason;
}

TEST(BadPicture, ZeroSizedPngHeader) {
  const std::string path = WriteBytes(testing::TempDir() + "/zero.png", PngHeader(0, 10));
  EXPECT_NE(ExpectPictureError(path).find("is empty"), std::string::npos);
}

TEST(BadPicture, LimitsAreOptions) {
  std::vector<uint8_t> png;
  ASSERT_TRUE(cv::imencode(".png", cv::Mat(20, 20, CV_8UC3, cv::Scalar(0)), png));
  const std::string path = WriteBytes(testing::TempDir() + "/small.png", png);
  PictureReadOptions tight;
  tight.max_pixels = 399;
  EXPECT_NE(ExpectPictureError(path, tight).find("too large"), std::string::npos);
  tight.max_pixels = 400;
  EXPECT_TRUE(ReadPicture(path, tight).ok());
}

}  // namespace
}  // namespace posenet
