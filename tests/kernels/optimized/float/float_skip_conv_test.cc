// 1x1 float CONV_2D on inputs with exact zeros (as after ReLU6), which the AVX-512 level runs
// through the zero-skipping GEMM: against the reference kernel on 1, 2 and 3 threads, at every
// level, with zero fractions 0-100 %, whole zero channels and channel tails.
#include <gtest/gtest.h>

#include "float_conv_test_util.h"

namespace posenet::testing {
namespace {

FloatConvCase Pointwise(int32_t h, int32_t w, int32_t in_c, int32_t out_c, double zeros,
                        double dead_channels = 0.0) {
  FloatConvCase c;
  c.h = h, c.w = w, c.in_c = in_c, c.out_c = out_c;
  c.zeros = zeros, c.dead_channels = dead_channels;
  c.lo = 0.0f, c.hi = 6.0f;
  return c;
}

TEST(FloatSkipConv, ZeroFractionsAndChannelCounts) {
  uint32_t seed = 600;
  for (IsaLevel level : FloatKernelLevels()) {
    for (double zeros : {0.0, 0.5, 0.9, 1.0}) {
      for (int32_t in_c : {1, 3, 5, 8, 17, 33, 64, 100}) {
        for (int32_t out_c : {48, 64, 100, 200}) {
          EXPECT_NE(CheckFloatConv(Pointwise(7, 9, in_c, out_c, zeros, 0.3), level, seed++),
                    nullptr);
        }
      }
    }
  }
}

TEST(FloatSkipConv, BatchesAndNoBias) {
  uint32_t seed = 700;
  for (IsaLevel level : FloatKernelLevels()) {
    FloatConvCase c = Pointwise(5, 6, 40, 70, 0.6, 0.2);
    c.n = 3, c.bias = false;
    EXPECT_NE(CheckFloatConv(c, level, seed++), nullptr);
  }
}

// The MobileNet 1x1 layers take the skipping path at kAvx512 (the deep 9x9 one also with its
// output channels split over threads).
TEST(FloatSkipConv, MobileNetShapesSkipAtAvx512) {
  uint32_t seed = 800;
  const FloatConvCase shapes[] = {
      Pointwise(31, 41, 384, 384, 0.4, 0.1), Pointwise(9, 9, 1024, 1024, 0.45, 0.05),
      Pointwise(17, 17, 512, 512, 0.5), Pointwise(61, 81, 96, 192, 0.35, 0.1),
      Pointwise(61, 81, 24, 48, 0.4, 0.3)};
  for (IsaLevel level : FloatKernelLevels()) {
    for (const FloatConvCase& c : shapes) {
      auto k = CheckFloatConv(c, level, seed++);
      ASSERT_NE(k, nullptr) << c;
      if (level == IsaLevel::kAvx512) {
        EXPECT_NE(k->name().find("skip gemm 1x1"), std::string::npos) << c << ": " << k->name();
      }
    }
  }
}

}  // namespace
}  // namespace posenet::testing
