// Model input writing: raw bytes for uint8 models, (p - mean) / std for float models.
#include "image/preprocess.h"

#include <gtest/gtest.h>

#include <vector>

namespace posenet {
namespace {

Image OneRow(const std::vector<uint8_t>& rgb) {
  Image img(static_cast<int>(rgb.size() / 3), 1);
  std::copy(rgb.begin(), rgb.end(), img.data());
  return img;
}

TEST(WriteFloatInput, TfjsPresetMapsToMinusOneOne) {
  const Image img = OneRow({0, 255, 128});
  std::vector<float> out(3);
  ASSERT_TRUE(WriteFloatInput(img.view(), kTfjsNormalization, out).ok());
  EXPECT_FLOAT_EQ(out[0], -1.0f);
  EXPECT_FLOAT_EQ(out[1], 1.0f);
  EXPECT_FLOAT_EQ(out[2], 0.5f / 127.5f);  // 0.00392157
}

TEST(WriteFloatInput, CoralPresetIsPOver128MinusOne) {
  const Image img = OneRow({0, 128, 255, 64, 192, 1});
  std::vector<float> out(6);
  ASSERT_TRUE(WriteFloatInput(img.view(), kCoralNormalization, out).ok());
  EXPECT_EQ(out, (std::vector<float>{-1.0f, 0.0f, 0.9921875f, -0.5f, 0.5f, -0.9921875f}));
}

TEST(WriteFloatInput, PerChannelMeanAndStd) {
  const InputNormalization norm{{10, 20, 30}, {2, 4, 5}};
  const Image img = OneRow({12, 28, 30, 0, 0, 40});
  std::vector<float> out(6);
  ASSERT_TRUE(WriteFloatInput(img.view(), norm, out).ok());
  EXPECT_EQ(out, (std::vector<float>{1, 2, 0, -5, -5, 2}));
}

TEST(WriteFloatInput, RejectsWrongSizeAndZeroStd) {
  const Image img = OneRow({1, 2, 3});
  std::vector<float> small(2);
  const Status s = WriteFloatInput(img.view(), kTfjsNormalization, small);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("needs 3"), std::string::npos) << s.message();
  std::vector<float> out(3);
  const InputNormalization zero{{0, 0, 0}, {1, 0, 1}};
  EXPECT_FALSE(WriteFloatInput(img.view(), zero, out).ok());
}

TEST(WriteUInt8Input, CopiesRowsOfAStridedView) {
  const uint8_t bytes[] = {1, 2, 3, 4,  5,  6,  0, 0, 0,  //
                           7, 8, 9, 10, 11, 12, 0, 0, 0};
  const ImageView view{bytes, 2, 2, 9};
  std::vector<uint8_t> out(12);
  ASSERT_TRUE(WriteUInt8Input(view, out).ok());
  EXPECT_EQ(out, (std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  std::vector<uint8_t> wrong(13);
  EXPECT_FALSE(WriteUInt8Input(view, wrong).ok());
}

TEST(WriteModelInput, FloatTensorThroughRawBytes) {
  const Image img = OneRow({0, 128, 255});
  std::vector<float> storage(3, 42.0f);
  std::span<uint8_t> bytes(reinterpret_cast<uint8_t*>(storage.data()), 12);
  ASSERT_TRUE(
      WriteModelInput(img.view(), InputElementType::kFloat32, kCoralNormalization, bytes).ok());
  EXPECT_EQ(storage, (std::vector<float>{-1.0f, 0.0f, 0.9921875f}));
  std::vector<uint8_t> u8(3);
  ASSERT_TRUE(WriteModelInput(img.view(), InputElementType::kUInt8, kCoralNormalization, u8).ok());
  EXPECT_EQ(u8, (std::vector<uint8_t>{0, 128, 255}));
}

}  // namespace
}  // namespace posenet
