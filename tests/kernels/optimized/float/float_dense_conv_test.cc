// Optimized float CONV_2D (GEMM and im2col paths) against the reference kernel.
#include <gtest/gtest.h>

#include "float_conv_test_util.h"

namespace posenet::testing {
namespace {

FloatConvCase Dense(int32_t h, int32_t w, int32_t in_c, int32_t out_c, int32_t k = 1,
                    int32_t stride = 1, int32_t dilation = 1, Padding padding = Padding::kSame) {
  FloatConvCase c;
  c.h = h, c.w = w, c.in_c = in_c, c.out_c = out_c;
  c.kh = c.kw = k;
  c.stride = stride, c.dilation = dilation, c.padding = padding;
  return c;
}

TEST(FloatDenseConv, ScalarLevelHasNoKernel) {
  EXPECT_EQ(CheckFloatConv(Dense(3, 3, 8, 8), IsaLevel::kScalar, 1), nullptr);
}

// VNNI has no float instructions: the avxvnni level runs the AVX2 kernels, with their results.
TEST(FloatDenseConv, AvxVnniRunsTheAvx2Kernels) {
  if (!IsaSupported(IsaLevel::kAvxVnni)) GTEST_SKIP() << "CPU has no 256-bit VNNI";
  const auto conv = CheckFloatConv(Dense(5, 7, 17, 33, 3), IsaLevel::kAvxVnni, 3);
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->name(), CheckFloatConv(Dense(5, 7, 17, 33, 3), IsaLevel::kAvx2, 3)->name());
  FloatConvCase dw = Dense(9, 9, 24, 24, 3);
  dw.depthwise = true;
  EXPECT_EQ(CheckFloatConv(dw, IsaLevel::kAvxVnni, 4)->name(), "avx2 dw3x3");
}

TEST(FloatDenseConv, PointwiseChannelCounts) {
  const int32_t counts[] = {1, 3, 5, 8, 17, 33, 64, 100};
  uint32_t seed = 10;
  for (IsaLevel level : FloatKernelLevels()) {
    for (int32_t in_c : counts) {
      for (int32_t out_c : counts) {
        EXPECT_NE(CheckFloatConv(Dense(5, 7, in_c, out_c), level, seed++), nullptr);
      }
    }
  }
}

TEST(FloatDenseConv, PointwiseRowCountsAndDegenerateSizes) {
  uint32_t seed = 200;
  for (IsaLevel level : FloatKernelLevels()) {
    for (auto [h, w] : {std::pair{1, 1}, {1, 13}, {13, 1}, {3, 4}, {5, 5}, {9, 9}, {11, 23}}) {
      EXPECT_NE(CheckFloatConv(Dense(h, w, 33, 49), level, seed++), nullptr);
    }
  }
}

TEST(FloatDenseConv, BatchBiasAndClamps) {
  uint32_t seed = 300;
  for (IsaLevel level : FloatKernelLevels()) {
    FloatConvCase c = Dense(6, 7, 17, 40);
    c.n = 2;
    c.bias = false;
    EXPECT_NE(CheckFloatConv(c, level, seed++), nullptr);
    c.bias = true, c.lo = 0.0f, c.hi = 6.0f;  // RELU6
    EXPECT_NE(CheckFloatConv(c, level, seed++), nullptr);
    c.lo = -0.25f, c.hi = 0.3f;  // a clamp that cuts most values
    EXPECT_NE(CheckFloatConv(c, level, seed++), nullptr);
    FloatConvCase k3 = Dense(7, 6, 5, 17, 3);
    k3.n = 2, k3.lo = 0.0f, k3.hi = 6.0f;
    EXPECT_NE(CheckFloatConv(k3, level, seed++), nullptr);
  }
}

TEST(FloatDenseConv, GeneralFilters) {
  uint32_t seed = 400;
  for (IsaLevel level : FloatKernelLevels()) {
    for (Padding padding : {Padding::kSame, Padding::kValid}) {
      for (int32_t stride : {1, 2}) {
        for (int32_t in_c : {1, 3, 8, 33}) {
          for (int32_t out_c : {5, 17, 64}) {
            EXPECT_NE(
                CheckFloatConv(Dense(9, 8, in_c, out_c, 3, stride, 1, padding), level, seed++),
                nullptr);
          }
        }
        // 1x1 with a stride, dilated 3x3, and inputs one pixel wide or high.
        EXPECT_NE(CheckFloatConv(Dense(9, 11, 17, 24, 1, stride, 1, padding), level, seed++),
                  nullptr);
        EXPECT_NE(CheckFloatConv(Dense(11, 10, 8, 20, 3, stride, 2, padding), level, seed++),
                  nullptr);
        EXPECT_NE(CheckFloatConv(Dense(1, 9, 3, 16, 3, stride, 1, Padding::kSame), level, seed++),
                  nullptr);
        EXPECT_NE(CheckFloatConv(Dense(9, 1, 3, 16, 3, stride, 1, Padding::kSame), level, seed++),
                  nullptr);
      }
    }
  }
}

// The MobileNet v1 shapes of the float PoseNet models take the fast paths.
TEST(FloatDenseConv, MobileNetShapes) {
  uint32_t seed = 500;
  for (IsaLevel level : FloatKernelLevels()) {
    FloatConvCase first = Dense(257, 257, 3, 32, 3, 2);  // conv0 of the 1.0 257x257 model
    first.lo = 0.0f, first.hi = 6.0f;
    auto k = CheckFloatConv(first, level, seed++);
    ASSERT_NE(k, nullptr);
    EXPECT_NE(k->name().find("direct gemm"), std::string::npos) << k->name();
    FloatConvCase deep = Dense(9, 9, 1024, 1024);  // the deepest pointwise layers
    deep.lo = 0.0f, deep.hi = 6.0f;
    k = CheckFloatConv(deep, level, seed++);
    ASSERT_NE(k, nullptr);
    EXPECT_NE(k->name().find("gemm 1x1"), std::string::npos) << k->name();
    EXPECT_NE(CheckFloatConv(Dense(31, 41, 384, 384), level, seed++), nullptr);
    EXPECT_NE(CheckFloatConv(Dense(61, 81, 96, 192), level, seed++), nullptr);
    EXPECT_NE(CheckFloatConv(Dense(31, 41, 384, 17), level, seed++), nullptr);  // heatmap head
  }
}

}  // namespace
}  // namespace posenet::testing
