// Optimized float DEPTHWISE_CONV_2D 3x3 against the reference kernel.
#include <gtest/gtest.h>

#include "float_conv_test_util.h"

namespace posenet::testing {
namespace {

FloatConvCase Depthwise(int32_t h, int32_t w, int32_t c, int32_t stride = 1, int32_t dilation = 1,
                        Padding padding = Padding::kSame) {
  FloatConvCase d;
  d.depthwise = true;
  d.h = h, d.w = w, d.in_c = d.out_c = c;
  d.kh = d.kw = 3;
  d.stride = stride, d.dilation = dilation, d.padding = padding;
  d.lo = 0.0f, d.hi = 6.0f;
  return d;
}

TEST(FloatDepthwiseConv, ChannelCountsStridesDilationsPadding) {
  uint32_t seed = 1000;
  for (IsaLevel level : FloatKernelLevels()) {
    for (int32_t c : {1, 3, 5, 8, 17, 33, 64, 100}) {
      for (Padding padding : {Padding::kSame, Padding::kValid}) {
        for (int32_t stride : {1, 2}) {
          for (int32_t dilation : {1, 2, 4}) {
            if (stride > 1 && dilation > 1) continue;  // TFLite forbids both
            EXPECT_NE(
                CheckFloatConv(Depthwise(13, 12, c, stride, dilation, padding), level, seed++),
                nullptr);
          }
        }
      }
    }
  }
}

TEST(FloatDepthwiseConv, SmallAndOddSizes) {
  uint32_t seed = 2000;
  for (IsaLevel level : FloatKernelLevels()) {
    for (auto [h, w] : {std::pair{1, 1}, {1, 9}, {9, 1}, {2, 2}, {3, 3}, {4, 7}, {7, 4}}) {
      for (int32_t stride : {1, 2}) {
        EXPECT_NE(CheckFloatConv(Depthwise(h, w, 19, stride), level, seed++), nullptr);
      }
      EXPECT_NE(CheckFloatConv(Depthwise(h, w, 19, 1, 2), level, seed++), nullptr);
    }
    // VALID with exactly one window, and a dilated window larger than the padded input side.
    EXPECT_NE(CheckFloatConv(Depthwise(3, 3, 21, 1, 1, Padding::kValid), level, seed++), nullptr);
    EXPECT_NE(CheckFloatConv(Depthwise(5, 6, 21, 1, 4), level, seed++), nullptr);
  }
}

TEST(FloatDepthwiseConv, BatchNoBiasAndClamps) {
  uint32_t seed = 3000;
  for (IsaLevel level : FloatKernelLevels()) {
    FloatConvCase d = Depthwise(8, 9, 40, 2);
    d.n = 3;
    d.bias = false;
    d.lo = -3.40282347e38f, d.hi = 3.40282347e38f;
    EXPECT_NE(CheckFloatConv(d, level, seed++), nullptr);
    d.bias = true, d.lo = -0.2f, d.hi = 0.25f;
    EXPECT_NE(CheckFloatConv(d, level, seed++), nullptr);
  }
}

TEST(FloatDepthwiseConv, OtherShapesFallBack) {
  for (IsaLevel level : FloatKernelLevels()) {
    FloatConvCase multiplier = Depthwise(6, 6, 4);
    multiplier.out_c = 8;
    EXPECT_EQ(CheckFloatConv(multiplier, level, 1), nullptr);
    FloatConvCase five = Depthwise(6, 6, 4);
    five.kh = five.kw = 5;
    EXPECT_EQ(CheckFloatConv(five, level, 2), nullptr);
  }
}

// MobileNet v1 depthwise layers of the float PoseNet models take the fast path.
TEST(FloatDepthwiseConv, MobileNetShapes) {
  uint32_t seed = 4000;
  for (IsaLevel level : FloatKernelLevels()) {
    auto k = CheckFloatConv(Depthwise(129, 129, 32), level, seed++);
    ASSERT_NE(k, nullptr);
    EXPECT_NE(k->name().find("dw3x3"), std::string::npos) << k->name();
    EXPECT_NE(CheckFloatConv(Depthwise(129, 129, 64, 2), level, seed++), nullptr);
    EXPECT_NE(CheckFloatConv(Depthwise(31, 41, 384, 1, 2), level, seed++), nullptr);
    EXPECT_NE(CheckFloatConv(Depthwise(31, 41, 384, 1, 4), level, seed++), nullptr);
    EXPECT_NE(CheckFloatConv(Depthwise(9, 9, 1024, 1, 4), level, seed++), nullptr);
  }
}

}  // namespace
}  // namespace posenet::testing
