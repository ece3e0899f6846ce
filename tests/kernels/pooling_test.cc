// Reference AVERAGE_POOL_2D and MAX_POOL_2D by hand: padded taps are excluded, TFLite rounding.
#include "kernels/reference/pooling.h"

#include <gtest/gtest.h>

#include <vector>

#include "kernel_test_util.h"

namespace posenet::ref {
namespace {

using ::posenet::testing::GuardedBuffer;
using ::posenet::testing::Shape4;

PoolParams Pool(int32_t filter, int32_t stride, int32_t pad) {
  PoolParams p;
  p.filter_h = p.filter_w = filter;
  p.stride_h = p.stride_w = stride;
  p.pad_top = p.pad_left = pad;
  return p;
}

const std::vector<float> kIn3x3 = {1, 2, 3, 4, 5, 6, 7, 8, 9};

TEST(AveragePool2DFloat, ValidAndSame) {
  GuardedBuffer<float> valid(4);
  // 2x2 windows, stride 1, VALID: (1+2+4+5)/4 = 3, (2+3+5+6)/4 = 4, 6, 7.
  AveragePool2DFloat(Pool(2, 1, 0), Shape4(1, 3, 3, 1), kIn3x3.data(), Shape4(1, 2, 2, 1),
                     valid.data());
  EXPECT_EQ(valid.values(), (std::vector<float>{3, 4, 6, 7}));
  EXPECT_TRUE(valid.GuardsIntact());
  // 3x3 windows, SAME (pad 1): the corner averages its 4 real taps (1+2+4+5)/4 = 3, the top
  // edge its 6 ((1+2+3+4+5+6)/6 = 3.5), the center all 9 (45/9 = 5).
  GuardedBuffer<float> same(9);
  AveragePool2DFloat(Pool(3, 1, 1), Shape4(1, 3, 3, 1), kIn3x3.data(), Shape4(1, 3, 3, 1),
                     same.data());
  EXPECT_EQ(same.values(), (std::vector<float>{3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7}));
  EXPECT_TRUE(same.GuardsIntact());
}

TEST(AveragePool2DUint8, RoundsHalfUpOnPositiveSums) {
  // Windows of 1x2 over [1, 2, 0, 1, 3, 3] (3 windows, stride 2):
  // 3/2 = 1.5 -> (3 + 1) / 2 = 2; 1/2 = 0.5 -> (1 + 1) / 2 = 1; 6/2 = 3.
  PoolParams p;
  p.filter_h = 1, p.filter_w = 2, p.stride_w = 2;
  const std::vector<uint8_t> in = {1, 2, 0, 1, 3, 3};
  GuardedBuffer<uint8_t> out(3);
  AveragePool2DUint8(p, Shape4(1, 1, 6, 1), in.data(), Shape4(1, 1, 3, 1), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{2, 1, 3}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(AveragePool2DInt8, RoundsHalfAwayFromZero) {
  // 2x2 windows, stride 2 over four 2x2 blocks with two channels:
  //  ch0 blocks: [-1,-2,0,0] sum -3 -> (-3 - 2) / 4 = -1 (-0.75 -> -1);
  //              [-1,-1,0,0] sum -2 -> (-2 - 2) / 4 = -1 (-0.5 -> -1).
  //  ch1 blocks: [0,1,1,1] sum 3 -> (3 + 2) / 4 = 1; [1,1,0,0] sum 2 -> (2 + 2) / 4 = 1.
  // Layout: 1x2x4x2 (h=2, w=4, c=2).
  const std::vector<int8_t> in = {-1, 0, -2, 1, -1, 1, -1, 1,   // row 0
                                  0,  1, 0,  1, 0,  0, 0,  0};  // row 1
  PoolParams p = Pool(2, 2, 0);
  p.quant_min = -128, p.quant_max = 127;
  GuardedBuffer<int8_t> out(4);
  AveragePool2DInt8(p, Shape4(1, 2, 4, 2), in.data(), Shape4(1, 1, 2, 2), out.data());
  EXPECT_EQ(out.values(), (std::vector<int8_t>{-1, 1, -1, 1}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(MaxPool2DFloat, PaddingIsNotAValue) {
  // All-negative input: a padded tap counted as 0 would win everywhere on the border.
  std::vector<float> in(9);
  for (int i = 0; i < 9; ++i) in[i] = -kIn3x3[i];
  GuardedBuffer<float> out(9);
  MaxPool2DFloat(Pool(3, 1, 1), Shape4(1, 3, 3, 1), in.data(), Shape4(1, 3, 3, 1), out.data());
  // Each output is minus the smallest input of its window: the window's top-left real tap.
  EXPECT_EQ(out.values(), (std::vector<float>{-1, -1, -2, -1, -1, -2, -4, -4, -5}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(MaxPool2DUint8, StrideAndClamp) {
  // 2x2 windows, stride 2 on a 4x4 ramp 0..15: maxima 5, 7, 13, 15; clamp [0, 12].
  std::vector<uint8_t> in(16);
  for (int i = 0; i < 16; ++i) in[i] = static_cast<uint8_t>(i);
  PoolParams p = Pool(2, 2, 0);
  p.quant_max = 12;
  GuardedBuffer<uint8_t> out(4);
  MaxPool2DUint8(p, Shape4(1, 4, 4, 1), in.data(), Shape4(1, 2, 2, 1), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{5, 7, 12, 12}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(MaxPool2DInt8, NegativeValuesAndSamePadding) {
  // 1x3 input [-5, -3, -9], window 1x3 SAME stride 1 (pad 1): [-3, -3, -3].
  PoolParams p;
  p.filter_w = 3, p.pad_left = 1;
  p.quant_min = -128, p.quant_max = 127;
  const std::vector<int8_t> in = {-5, -3, -9};
  GuardedBuffer<int8_t> out(3);
  MaxPool2DInt8(p, Shape4(1, 1, 3, 1), in.data(), Shape4(1, 1, 3, 1), out.data());
  EXPECT_EQ(out.values(), (std::vector<int8_t>{-3, -3, -3}));
  EXPECT_TRUE(out.GuardsIntact());
}

}  // namespace
}  // namespace posenet::ref
