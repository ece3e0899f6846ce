// Reference DEPTHWISE_CONV_2D on small cases worked out by hand.
#include <gtest/gtest.h>

#include <vector>

#include "kernel_test_util.h"
#include "kernels/quantization.h"
#include "kernels/reference/conv.h"

namespace posenet::ref {
namespace {

using ::posenet::testing::GuardedBuffer;
using ::posenet::testing::RepeatedRequant;
using ::posenet::testing::Shape4;

TEST(DepthwiseConv2DFloat, DepthMultiplier2) {
  // Input 2x2 with 2 channels: ch0 = [[1,2],[3,4]], ch1 = [[10,20],[30,40]] (NHWC interleaved).
  // Output channels: oc0, oc1 read ch0; oc2, oc3 read ch1. Filter [1, 2, 2, 4], taps per oc:
  //   oc0 all 1          -> 1+2+3+4 = 10
  //   oc1 [[1,0],[0,-1]] -> 1-4 = -3
  //   oc2 [[0,1],[0,0]]  -> 20
  //   oc3 all 0.5        -> 50
  // Bias [0, 1, 2, 3] -> [10, -2, 22, 53]. VALID, one output pixel.
  const std::vector<float> in = {1, 10, 2, 20, 3, 30, 4, 40};
  const std::vector<float> filter = {1, 1,  0, 0.5f,   // tap (0,0), oc 0..3
                                     1, 0,  1, 0.5f,   // tap (0,1)
                                     1, 0,  0, 0.5f,   // tap (1,0)
                                     1, -1, 0, 0.5f};  // tap (1,1)
  const float bias[] = {0, 1, 2, 3};
  ConvParams p;
  p.depth_multiplier = 2;
  GuardedBuffer<float> out(4);
  DepthwiseConv2DFloat(p, Shape4(1, 2, 2, 2), in.data(), Shape4(1, 2, 2, 4), filter.data(), bias,
                       Shape4(1, 1, 1, 4), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{10, -2, 22, 53}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(DepthwiseConv2DFloat, SameStride2AndRelu6) {
  // One channel, 3x3 input 1..9, filter [[1,2,0],[0,0,0],[0,0,-1]], SAME stride 2 (pad 1):
  // out(y,x) = in(y-1,x-1) + 2 in(y-1,x) - in(y+1,x+1) at (0,0),(0,2),(2,0),(2,2):
  // -5, 0, 8, 17.
  const std::vector<float> in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  const std::vector<float> filter = {1, 2, 0, 0, 0, 0, 0, 0, -1};
  ConvParams p;
  p.stride_h = p.stride_w = 2;
  p.pad_top = p.pad_left = 1;
  GuardedBuffer<float> out(4);
  DepthwiseConv2DFloat(p, Shape4(1, 3, 3, 1), in.data(), Shape4(1, 3, 3, 1), filter.data(), nullptr,
                       Shape4(1, 2, 2, 1), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{-5, 0, 8, 17}));
  EXPECT_TRUE(out.GuardsIntact());

  p.float_min = 0.0f;
  p.float_max = 6.0f;
  DepthwiseConv2DFloat(p, Shape4(1, 3, 3, 1), in.data(), Shape4(1, 3, 3, 1), filter.data(), nullptr,
                       Shape4(1, 2, 2, 1), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{0, 0, 6, 6}));
}

TEST(DepthwiseConv2DUint8, ChannelsStaySeparateAndPaddingIsZeroPoint) {
  // Two channels, 3x3, SAME stride 1. Input scale 0.5 zp 128, filter scale 0.25 zp 100, output
  // scale 1 zp 10 (M = 0.125). Channel 0: input 130 (real 1), filter 104 (real 1): each real
  // tap adds 8, so corners 32 -> 4, edges 48 -> 6, center 72 -> 9. Channel 1: input 126
  // (real -1), filter 104: each tap adds -8: corners -4, edges -6, center -9. Plus zp 10.
  std::vector<uint8_t> in;
  for (int i = 0; i < 9; ++i) in.insert(in.end(), {130, 126});
  const std::vector<uint8_t> filter(18, 104);
  ConvParams p;
  p.pad_top = p.pad_left = 1;
  p.input_offset = -128;
  p.filter_offset = -100;
  p.output_offset = 10;
  p.requant = RepeatedRequant(0.125, 2);
  GuardedBuffer<uint8_t> out(18);
  DepthwiseConv2DUint8(p, Shape4(1, 3, 3, 2), in.data(), Shape4(1, 3, 3, 2), filter.data(), nullptr,
                       Shape4(1, 3, 3, 2), out.data());
  EXPECT_EQ(out.values(),
            (std::vector<uint8_t>{14, 6, 16, 4, 14, 6, 16, 4, 19, 1, 16, 4, 14, 6, 16, 4, 14, 6}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(DepthwiseConv2DInt8, PerChannelWithMultiplier2) {
  // One input channel (int8 scale 0.5 zp -1), depth multiplier 2, 1x1 filter [2, -4] with
  // scales [0.5, 0.25] (reals [1, -1]); output scale 1 zp 0.
  // q = 3 -> offset 4 (real 2). oc0: 2 * 4 = 8, M0 = 0.25 -> 2. oc1: -4 * 4 = -16, bias 4
  // -> -12, M1 = 0.125 -> -1.5 -> SRDHM(-12, 0.5) = -6, -6 / 4 = -1.5 -> -2 (away from zero).
  ConvParams p;
  p.depth_multiplier = 2;
  p.input_offset = 1;
  p.quant_min = -128;
  p.quant_max = 127;
  const QuantizedMultiplier m0 = QuantizeMultiplier(0.25), m1 = QuantizeMultiplier(0.125);
  p.requant.multiplier = {m0.multiplier, m1.multiplier};
  p.requant.shift = {m0.shift, m1.shift};
  const std::vector<int8_t> in = {3}, filter = {2, -4};
  const int32_t bias[] = {0, 4};
  GuardedBuffer<int8_t> out(2);
  DepthwiseConv2DInt8(p, Shape4(1, 1, 1, 1), in.data(), Shape4(1, 1, 1, 2), filter.data(), bias,
                      Shape4(1, 1, 1, 2), out.data());
  EXPECT_EQ(out.values(), (std::vector<int8_t>{2, -2}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(DepthwiseConv2DFloat, DilationSkipsPaddedTaps) {
  // in(y, x) = 5y + x on 5x5, 3x3 ones, dilation 2, SAME (pad 2): (0,0) = 0+2+10+12 = 24,
  // (2,2) = 108 (see the conv dilation test).
  std::vector<float> in(25);
  for (int i = 0; i < 25; ++i) in[i] = static_cast<float>(i);
  const std::vector<float> ones(9, 1.0f);
  ConvParams p;
  p.dilation_h = p.dilation_w = 2;
  p.pad_top = p.pad_left = 2;
  GuardedBuffer<float> out(25);
  DepthwiseConv2DFloat(p, Shape4(1, 5, 5, 1), in.data(), Shape4(1, 3, 3, 1), ones.data(), nullptr,
                       Shape4(1, 5, 5, 1), out.data());
  EXPECT_EQ(out.values()[0], 24);
  EXPECT_EQ(out.values()[12], 108);
  EXPECT_TRUE(out.GuardsIntact());
}

}  // namespace
}  // namespace posenet::ref
