// Decode + PIL-nearest resize of test_couple.jpg reproduce the exact network inputs that
// Coral's reference results were computed from (reference/raw/test_couple_<H>x<W>/input.u8).
#include <gtest/gtest.h>

#include <string>

#include "../support/shared_data.h"
#include "image/resize.h"
#include "io/image_file.h"

namespace posenet {
namespace {

class ReferenceInput : public ::testing::TestWithParam<std::pair<int, int>> {};

TEST_P(ReferenceInput, MatchesByteForByte) {
  const auto [h, w] = GetParam();
  PictureReadOptions options;
  options.apply_exif_orientation = false;  // as PIL
  auto picture = ReadPicture(testing::SharedPath("data/images/test_couple.jpg"), options);
  ASSERT_TRUE(picture.ok()) << picture.message();
  ASSERT_EQ(picture->width(), 1920);
  ASSERT_EQ(picture->height(), 1278);

  Image resized;
  auto t = ResizeForModel(picture->view(), w, h, {}, resized);
  ASSERT_TRUE(t.ok()) << t.message();
  const std::string dir =
      "data/reference/raw/test_couple_" + std::to_string(h) + "x" + std::to_string(w);
  const auto expected = testing::ReadBytes(testing::SharedPath(dir + "/input.u8"));
  ASSERT_EQ(resized.size_bytes(), expected.size());
  size_t mismatches = 0, first = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    if (resized.data()[i] != expected[i] && mismatches++ == 0) first = i;
  }
  EXPECT_EQ(mismatches, 0u) << "first at byte " << first << " (pixel " << first / 3 % w << ","
                            << first / 3 / w << ")";
}

INSTANTIATE_TEST_SUITE_P(AllSizes, ReferenceInput,
                         ::testing::Values(std::pair{353, 481}, std::pair{481, 641},
                                           std::pair{721, 1281}),
                         [](const auto& size) {
                           return std::to_string(size.param.first) + "x" +
                                  std::to_string(size.param.second);
                         });

}  // namespace
}  // namespace posenet
