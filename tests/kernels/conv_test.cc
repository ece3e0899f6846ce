// Reference CONV_2D on small cases worked out by hand.
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

// 3x3 input 1..9 (row-major) and a 3x3 filter with distinct taps:
//   w = [[1, 2, 0], [0, 0, 0], [0, 0, -1]]
// so out(y, x) = in(y-1, x-1) + 2 in(y-1, x) - in(y+1, x+1) with zero padding (SAME, pad 1).
const std::vector<float> kIn3x3 = {1, 2, 3, 4, 5, 6, 7, 8, 9};
const std::vector<float> kW3x3 = {1, 2, 0, 0, 0, 0, 0, 0, -1};

std::vector<float> RunFloat(const ConvParams& p, const Dims4& is, const std::vector<float>& in,
                            const Dims4& fs, const std::vector<float>& filter, const float* bias,
                            const Dims4& os) {
  GuardedBuffer<float> out(os.size());
  Conv2DFloat(p, is, in.data(), fs, filter.data(), bias, os, out.data());
  EXPECT_TRUE(out.GuardsIntact());
  return out.values();
}

TEST(Conv2DFloat, SameStride1TwoOutputChannels) {
  ConvParams p;
  p.pad_top = p.pad_left = 1;
  // Channel 0: kW3x3 with bias 0.5; channel 1: identity tap (center) with bias -1.
  std::vector<float> filter = kW3x3;
  const std::vector<float> identity = {0, 0, 0, 0, 1, 0, 0, 0, 0};
  filter.insert(filter.end(), identity.begin(), identity.end());
  const float bias[] = {0.5f, -1.0f};
  const auto out =
      RunFloat(p, Shape4(1, 3, 3, 1), kIn3x3, Shape4(2, 3, 3, 1), filter, bias, Shape4(1, 3, 3, 2));
  // Channel 0 before bias (in(y-1,x-1) + 2 in(y-1,x) - in(y+1,x+1)):
  //   (0,0): -5   (0,1): -6        (0,2): 0
  //   (1,0): 2-8  (1,1): 1+4-9     (1,2): 2+6
  //   (2,0): 8    (2,1): 4+10      (2,2): 5+12
  const std::vector<float> expected = {-4.5f, 0,    -5.5f, 1,    0.5f, 2,     -5.5f, 3,     -3.5f,
                                       4,     8.5f, 5,     8.5f, 6,    14.5f, 7,     17.5f, 8};
  EXPECT_EQ(out, expected);
}

TEST(Conv2DFloat, SameStride2) {
  // 3x3, k3, s2 SAME: out 2x2, pad_total 2 -> pad 1; the outputs are the stride-1 results at
  // (0,0), (0,2), (2,0), (2,2): -5, 0, 8, 17.
  ConvParams p;
  p.stride_h = p.stride_w = 2;
  p.pad_top = p.pad_left = 1;
  const auto out = RunFloat(p, Shape4(1, 3, 3, 1), kIn3x3, Shape4(1, 3, 3, 1), kW3x3, nullptr,
                            Shape4(1, 2, 2, 1));
  EXPECT_EQ(out, (std::vector<float>{-5, 0, 8, 17}));
}

TEST(Conv2DFloat, FusedRelu6) {
  ConvParams p;
  p.pad_top = p.pad_left = 1;
  p.float_min = 0.0f;
  p.float_max = 6.0f;
  const float bias[] = {0.5f};
  const auto out =
      RunFloat(p, Shape4(1, 3, 3, 1), kIn3x3, Shape4(1, 3, 3, 1), kW3x3, bias, Shape4(1, 3, 3, 1));
  // -4.5 -5.5 0.5 / -5.5 -3.5 8.5 / 8.5 14.5 17.5 clamped to [0, 6].
  EXPECT_EQ(out, (std::vector<float>{0, 0, 0.5f, 0, 0, 6, 6, 6, 6}));
}

TEST(Conv2DFloat, PointwiseMultiChannel) {
  // 1x1 conv, 2 pixels of 3 channels: [1,2,3], [4,5,6]; filters [1,0,-1] and [.5,.5,.5].
  ConvParams p;
  const auto out = RunFloat(p, Shape4(1, 1, 2, 3), {1, 2, 3, 4, 5, 6}, Shape4(2, 1, 1, 3),
                            {1, 0, -1, 0.5f, 0.5f, 0.5f}, nullptr, Shape4(1, 1, 2, 2));
  // px0: 1-3 = -2, (1+2+3)/2 = 3; px1: 4-6 = -2, 15/2 = 7.5.
  EXPECT_EQ(out, (std::vector<float>{-2, 3, -2, 7.5f}));
}

TEST(Conv2DFloat, Dilation) {
  // in(y, x) = 5y + x on 5x5; 3x3 filter of ones with dilation 2 (span 5).
  std::vector<float> in(25);
  for (int i = 0; i < 25; ++i) in[i] = static_cast<float>(i);
  const std::vector<float> ones(9, 1.0f);
  ConvParams p;
  p.dilation_h = p.dilation_w = 2;
  // VALID: one output, the 9 taps at rows/cols {0, 2, 4}:
  // (0+2+4) + (10+12+14) + (20+22+24) = 108.
  EXPECT_EQ(
      RunFloat(p, Shape4(1, 5, 5, 1), in, Shape4(1, 3, 3, 1), ones, nullptr, Shape4(1, 1, 1, 1)),
      (std::vector<float>{108}));
  // SAME (pad 2): (0,0) sees rows/cols {-2, 0, 2}: 0 + 2 + 10 + 12 = 24; (1,1) sees {-1, 1, 3}:
  // 6 + 8 + 16 + 18 = 48; (2,2) sees all 9 taps: 108.
  p.pad_top = p.pad_left = 2;
  const auto out =
      RunFloat(p, Shape4(1, 5, 5, 1), in, Shape4(1, 3, 3, 1), ones, nullptr, Shape4(1, 5, 5, 1));
  EXPECT_EQ(out[0], 24);
  EXPECT_EQ(out[6], 48);
  EXPECT_EQ(out[12], 108);
}

TEST(Conv2DFloat, BatchOfTwo) {
  // Same filter on two images: each batch uses its own input.
  ConvParams p;
  const auto out = RunFloat(p, Shape4(2, 1, 1, 2), {1, 2, 10, 20}, Shape4(1, 1, 1, 2), {3, -1},
                            nullptr, Shape4(2, 1, 1, 1));
  EXPECT_EQ(out, (std::vector<float>{1, 10}));  // 3 - 2, 30 - 20
}

// uint8: input scale 0.5 zp 128, filter scale 0.25 zp 100, output scale 1 zp 10.
// M = 0.5 * 0.25 / 1 = 0.125.
ConvParams Uint8Params(int32_t channels) {
  ConvParams p;
  p.input_offset = -128;
  p.filter_offset = -100;
  p.output_offset = 10;
  p.quant_min = 0;
  p.quant_max = 255;
  p.requant = RepeatedRequant(0.125, channels);
  return p;
}

TEST(Conv2DUint8, TieRoundsAwayFromZero) {
  // Input reals [1, -1] (130, 126); filter reals [1, -1] (104, 96); bias 4 (real 0.5).
  // acc = 2*4 + (-2)(-4) + 4 = 20; 20 * 0.125 = 2.5 -> 3 (TFLite rounds half away from zero);
  // + zp 10 = 13.
  const std::vector<uint8_t> in = {130, 126}, filter = {104, 96};
  const int32_t bias[] = {4};
  GuardedBuffer<uint8_t> out(1);
  Conv2DUint8(Uint8Params(1), Shape4(1, 1, 1, 2), in.data(), Shape4(1, 1, 1, 2), filter.data(),
              bias, Shape4(1, 1, 1, 1), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{13}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(Conv2DUint8, PaddedTapsContributeNothing) {
  // 3x3 input all 130 (real 1), 3x3 filter all 104 (real 1), SAME: each real tap adds
  // 2 * 4 = 8. Corners see 4 taps (32 -> 4), edges 6 (48 -> 6), the center 9 (72 -> 9);
  // + zp 10. Reading raw 0 instead of the zero point in the padding would change all but the
  // center.
  const std::vector<uint8_t> in(9, 130), filter(9, 104);
  ConvParams p = Uint8Params(1);
  p.pad_top = p.pad_left = 1;
  GuardedBuffer<uint8_t> out(9);
  Conv2DUint8(p, Shape4(1, 3, 3, 1), in.data(), Shape4(1, 3, 3, 1), filter.data(), nullptr,
              Shape4(1, 3, 3, 1), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{14, 16, 14, 16, 19, 16, 14, 16, 14}));
  EXPECT_TRUE(out.GuardsIntact());

  // Fused RELU6 with output scale 1, zp 10 clamps to [10, 16]: the center 19 becomes 16.
  p.quant_min = 10;
  p.quant_max = 16;
  GuardedBuffer<uint8_t> clamped(9);
  Conv2DUint8(p, Shape4(1, 3, 3, 1), in.data(), Shape4(1, 3, 3, 1), filter.data(), nullptr,
              Shape4(1, 3, 3, 1), clamped.data());
  EXPECT_EQ(clamped.values(), (std::vector<uint8_t>{14, 16, 14, 16, 16, 16, 14, 16, 14}));
}

TEST(Conv2DUint8, EvenInputStride2PadsAfterOnly) {
  // 4x4 input, k3, s2 SAME: out 2x2, pad_total 1 -> pad_top/left 0. Input all 130, filter all
  // 104: output (0,0) covers rows/cols 0..2 (9 taps: 72 -> 9), (0,1) covers cols 2..4 of which
  // col 4 is padding (6 taps -> 6), (1,1) 4 taps -> 4. + zp 10.
  const std::vector<uint8_t> in(16, 130), filter(9, 104);
  ConvParams p = Uint8Params(1);
  p.stride_h = p.stride_w = 2;
  GuardedBuffer<uint8_t> out(4);
  Conv2DUint8(p, Shape4(1, 4, 4, 1), in.data(), Shape4(1, 3, 3, 1), filter.data(), nullptr,
              Shape4(1, 2, 2, 1), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{19, 16, 16, 14}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(Conv2DInt8, PerChannelMultipliers) {
  // Input int8 scale 0.5 zp -1 (input_offset +1); output scale 1 zp 0.
  // Filter channel 0: scale 0.5, taps [2, 1] (reals [1, 0.5]); M0 = 0.5 * 0.5 = 0.25.
  // Filter channel 1: scale 0.25, taps [4, -4] (reals [1, -1]); M1 = 0.125; bias1 = -8.
  ConvParams p;
  p.input_offset = 1;
  p.filter_offset = 0;
  p.output_offset = 0;
  p.quant_min = -128;
  p.quant_max = 127;
  const QuantizedMultiplier m0 = QuantizeMultiplier(0.25), m1 = QuantizeMultiplier(0.125);
  p.requant.multiplier = {m0.multiplier, m1.multiplier};
  p.requant.shift = {m0.shift, m1.shift};
  // Pixel 0: [3, -5] -> offsets applied [4, -4].
  //   ch0: 2*4 + 1*(-4) = 4 -> 4 * 0.25 = 1.
  //   ch1: 4*4 + (-4)(-4) - 8 = 24 -> 24 * 0.125 = 3.
  // Pixel 1: [-2, 0] -> [-1, 1].
  //   ch0: -2 + 1 = -1 -> -0.25: SRDHM(-1, 0.5) = round(-0.5) = 0 (ties up), then 0.
  //   ch1: -4 - 4 - 8 = -16 -> -2.
  const std::vector<int8_t> in = {3, -5, -2, 0}, filter = {2, 1, 4, -4};
  const int32_t bias[] = {0, -8};
  GuardedBuffer<int8_t> out(4);
  Conv2DInt8(p, Shape4(1, 1, 2, 2), in.data(), Shape4(2, 1, 1, 2), filter.data(), bias,
             Shape4(1, 1, 2, 2), out.data());
  EXPECT_EQ(out.values(), (std::vector<int8_t>{1, 3, 0, -2}));
  EXPECT_TRUE(out.GuardsIntact());
}

}  // namespace
}  // namespace posenet::ref
