// Garbage in: every bad picture or output path gives one line on stderr naming the file, a
// non-zero exit, and no output file (not even a partial one).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::LineCount;
using testing::ReadBytes;
using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;

void WriteFile(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

// A PNG signature and an IHDR chunk claiming 30000 x 30000 RGB pixels (no image data).
std::vector<uint8_t> HugePngHeader() {
  std::vector<uint8_t> b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                            0,    0,   0,   13,  'I',  'H',  'D',  'R'};
  const uint32_t side = 30000;
  for (int i = 0; i < 2; ++i) {
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(side >> s));
  }
  for (uint8_t v : {8, 2, 0, 0, 0}) b.push_back(v);  // depth 8, RGB, deflate, filter, no interlace
  // CRC-32 of type + data.
  uint32_t crc = 0xffffffffu;
  for (size_t i = 12; i < b.size(); ++i) {
    crc ^= b[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  crc ^= 0xffffffffu;
  for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(crc >> s));
  return b;
}

// A valid 1x1 BMP (24-bit).
std::vector<uint8_t> OnePixelBmp() {
  std::vector<uint8_t> b = {
      'B', 'M', 58, 0, 0, 0, 0, 0, 0,    0,    54, 0, 0,    0,            // file header
      40,  0,   0,  0, 1, 0, 0, 0, 1,    0,    0,  0, 1,    0,    24, 0,  // info header
      0,   0,   0,  0, 4, 0, 0, 0, 0x13, 0x0b, 0,  0, 0x13, 0x0b, 0,  0,
      0,   0,   0,  0, 0, 0, 0, 0, 10,   20,   30, 0};  // one BGR pixel + row padding
  return b;
}

struct BadPicture {
  std::string name;
  std::vector<uint8_t> bytes;
};

class DetectGarbage : public ::testing::TestWithParam<int> {};

std::vector<BadPicture> BadPictures() {
  std::vector<uint8_t> jpeg = ReadBytes(SharedPath("data/images/test_couple.jpg"));
  jpeg.resize(jpeg.size() / 2);
  const std::string text = "this is not a picture\n";
  return {{"empty.jpg", {}},
          {"truncated.jpg", jpeg},
          {"text.jpg", std::vector<uint8_t>(text.begin(), text.end())},
          {"one_pixel.bmp", OnePixelBmp()},
          {"huge.png", HugePngHeader()}};
}

TEST_P(DetectGarbage, OneLineErrorNonZeroExitNoOutput) {
  const BadPicture bad = BadPictures()[GetParam()];
  const std::string dir = TempDir();
  const std::string picture = dir + "/" + bad.name;
  WriteFile(picture, bad.bytes);
  const std::string json = dir + "/out.json", png = dir + "/out.png";
  const auto r = RunProgram(POSENET_TOOL, {"detect", picture, "--json", json, "--draw", png});
  EXPECT_NE(r.exit_code, 0) << bad.name;
  EXPECT_NE(r.exit_code, -1) << bad.name << " crashed";
  EXPECT_EQ(LineCount(r.err), 1) << r.err;
  EXPECT_NE(r.err.find(picture), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(json));
  EXPECT_FALSE(std::filesystem::exists(png));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1) << "stray files";
}

INSTANTIATE_TEST_SUITE_P(Pictures, DetectGarbage, ::testing::Range(0, 5), [](const auto& p) {
  std::string n = BadPictures()[p.param].name;
  for (char& c : n) c = c == '.' ? '_' : c;
  return n;
});

TEST(DetectErrors, UnwritableOutputPathLeavesNothing) {
  const std::string dir = TempDir();
  for (const std::string flag : {"--json", "--draw"}) {
    const std::string out = dir + "/missing-folder/out." + (flag == "--json" ? "json" : "png");
    const auto r =
        RunProgram(POSENET_TOOL, {"detect", SharedPath("data/images/pose.jpg"), flag, out});
    EXPECT_NE(r.exit_code, 0) << flag;
    EXPECT_NE(r.exit_code, -1) << flag << " crashed";
    EXPECT_EQ(LineCount(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(out), std::string::npos) << r.err;
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 0);
}

TEST(DetectErrors, MissingPictureIsAnError) {
  const auto r = RunProgram(POSENET_TOOL, {"detect", "/nonexistent/picture.jpg"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.exit_code, -1);
}

}  // namespace
}  // namespace posenet
