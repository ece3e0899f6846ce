// Reference PAD, QUANTIZE, DEQUANTIZE, requantize, LOGISTIC, RELU/RELU6 and RESHAPE by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernel_test_util.h"
#include "kernels/reference/logistic.h"
#include "kernels/reference/pad.h"
#include "kernels/reference/quantize.h"
#include "kernels/reference/relu.h"
#include "kernels/reference/reshape.h"

namespace posenet::ref {
namespace {

using ::posenet::testing::GuardedBuffer;
using ::posenet::testing::Shape4;

TEST(Pad, ConstantAroundHeightWidthAndChannels) {
  // Input 1x1x2x1 [5, 6]; pad H by (1, 0), W by (0, 1), C by (1, 0): output 1x2x3x2.
  // Row 0 is all padding; row 1: (pad, 5), (pad, 6), (pad, pad).
  PadParams p;
  p.before = {0, 1, 0, 1};
  p.after = {0, 0, 1, 0};
  p.quant_value = 128;
  const std::vector<uint8_t> in = {5, 6};
  GuardedBuffer<uint8_t> out(12);
  PadUint8(p, Shape4(1, 1, 2, 1), in.data(), Shape4(1, 2, 3, 2), out.data());
  EXPECT_EQ(out.values(),
            (std::vector<uint8_t>{128, 128, 128, 128, 128, 128, 128, 5, 128, 6, 128, 128}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(Pad, FloatBatchAndChannelsAfter) {
  // [1,1,1,2] = [1, 2]; pad N by (0, 1) and C by (0, 1): [[1, 2, 0], [0, 0, 0]].
  PadParams p;
  p.after = {1, 0, 0, 1};
  const std::vector<float> in = {1, 2};
  GuardedBuffer<float> out(6);
  PadFloat(p, Shape4(1, 1, 1, 2), in.data(), Shape4(2, 1, 1, 3), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{1, 2, 0, 0, 0, 0}));
  EXPECT_TRUE(out.GuardsIntact());

  PadParams q;
  q.before = {0, 0, 1, 0};
  q.quant_value = -3;
  const std::vector<int8_t> qin = {7};
  GuardedBuffer<int8_t> qout(2);
  PadInt8(q, Shape4(1, 1, 1, 1), qin.data(), Shape4(1, 1, 2, 1), qout.data());
  EXPECT_EQ(qout.values(), (std::vector<int8_t>{-3, 7}));
}

TEST(Quantize, RoundsHalfAwayFromZeroAndClamps) {
  // scale 0.5, zp 10: x / 0.5 rounded, + 10.
  //   0 -> 10; 1.25 -> 2.5 -> 3 -> 13; -1.25 -> -2.5 -> -3 -> 7; 0.24 -> 0.48 -> 0 -> 10;
  //   200 -> 410 -> 255; -100 -> -190 -> 0.
  const std::vector<float> in = {0, 1.25f, -1.25f, 0.24f, 200, -100};
  GuardedBuffer<uint8_t> out(6);
  QuantizeToUint8({0.5f, 10}, 6, in.data(), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{10, 13, 7, 10, 255, 0}));
  EXPECT_TRUE(out.GuardsIntact());
  // int8, zp -5: -5, -2, -8, -5, 127, -128.
  GuardedBuffer<int8_t> out8(6);
  QuantizeToInt8({0.5f, -5}, 6, in.data(), out8.data());
  EXPECT_EQ(out8.values(), (std::vector<int8_t>{-5, -2, -8, -5, 127, -128}));
  // Huge and NaN inputs do not overflow: they saturate / map to the zero point.
  const std::vector<float> odd = {1e30f, -1e30f, std::nanf("")};
  QuantizeToUint8({0.5f, 10}, 3, odd.data(), out.data());
  EXPECT_EQ(out.values()[0], 255);
  EXPECT_EQ(out.values()[1], 0);
  EXPECT_EQ(out.values()[2], 10);
}

TEST(Dequantize, ScaleTimesOffsetValue) {
  const std::vector<uint8_t> in = {0, 10, 255};
  GuardedBuffer<float> out(3);
  DequantizeUint8({0.5f, 10}, 3, in.data(), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{-5, 0, 122.5f}));  // (q - 10) * 0.5
  const std::vector<int8_t> in8 = {-128, 0, 127};
  DequantizeInt8({0.25f, -8}, 3, in8.data(), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{-30, 2, 33.75f}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(Requantize, Uint8ToInt8AndRescale) {
  // Same scale, zp 128 -> 0: q - 128.
  const RequantizeParams same = MakeRequantizeParams({0.5f, 128}, {0.5f, 0});
  EXPECT_EQ(same.multiplier, 1 << 30);
  EXPECT_EQ(same.shift, 1);
  const std::vector<uint8_t> in = {0, 128, 255, 129};
  GuardedBuffer<int8_t> out(4);
  Requantize(same, 4, in.data(), out.data());
  EXPECT_EQ(out.values(), (std::vector<int8_t>{-128, 0, 127, 1}));
  // Scale 0.5 -> 1 (M = 0.5), zp 128 -> -1: (q - 128) / 2 rounded, - 1:
  //   0 -> -64 - 1 = -65; 128 -> -1; 255 -> 63.5 -> 64 -> 63; 129 -> 0.5 -> 1 -> 0.
  Requantize(MakeRequantizeParams({0.5f, 128}, {1.0f, -1}), 4, in.data(), out.data());
  EXPECT_EQ(out.values(), (std::vector<int8_t>{-65, -1, 63, 0}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(Logistic, Float) {
  const std::vector<float> in = {0, 1, -1};
  GuardedBuffer<float> out(3);
  LogisticFloat(3, in.data(), out.data());
  const auto v = out.values();
  EXPECT_EQ(v[0], 0.5f);
  EXPECT_NEAR(v[1], 0.7310586f, 1e-6f);
  EXPECT_NEAR(v[2], 0.2689414f, 1e-6f);
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(Logistic, QuantizedGoesThroughFloat) {
  // Input scale 0.1, zp 128; output scale 1/256, zp 0:
  //   128 -> x 0 -> 0.5 * 256 = 128;  138 -> x 1 -> 0.7310586 * 256 = 187.15 -> 187;
  //   118 -> 0.2689414 * 256 = 68.85 -> 69;  255 -> x 12.7 -> 255.9992 -> 256 -> 255;
  //   0 -> x -12.8 -> 0.0007 -> 0.
  const std::vector<uint8_t> in = {128, 138, 118, 255, 0};
  GuardedBuffer<uint8_t> out(5);
  LogisticUint8({0.1f, 128}, {1.0f / 256, 0}, 5, in.data(), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{128, 187, 69, 255, 0}));
  EXPECT_TRUE(out.GuardsIntact());
  // int8: input zp 0, output zp -128: the same values minus 128 (256 - 128 clamps to 127).
  const std::vector<int8_t> in8 = {0, 10, -10, 127, -128};
  GuardedBuffer<int8_t> out8(5);
  LogisticInt8({0.1f, 0}, {1.0f / 256, -128}, 5, in8.data(), out8.data());
  EXPECT_EQ(out8.values(), (std::vector<int8_t>{0, 59, -59, 127, -128}));
}

TEST(Relu, FloatRangesFromParams) {
  const std::vector<float> in = {-1, 0.5f, 7};
  GuardedBuffer<float> out(3);
  const float inf = std::numeric_limits<float>::infinity();
  ReluFloat(MakeReluParams(0, inf, {}, {}, DataType::kFloat32), 3, in.data(), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{0, 0.5f, 7}));
  ReluFloat(MakeReluParams(0, 6, {}, {}, DataType::kFloat32), 3, in.data(), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{0, 0.5f, 6}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(Relu, QuantizedClampSameQuantization) {
  // scale 0.1, zp 100 in and out: RELU6 clamps to [100 + 0, 100 + 60] and M = 1.
  const ActivationParams p = MakeReluParams(0, 6, {0.1f, 100}, {0.1f, 100}, DataType::kUInt8);
  EXPECT_EQ(p.quant_min, 100);
  EXPECT_EQ(p.quant_max, 160);
  const std::vector<uint8_t> in = {50, 120, 200};
  GuardedBuffer<uint8_t> out(3);
  ReluUint8(p, 3, in.data(), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{100, 120, 160}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(Relu, QuantizedRescalesToOutput) {
  // In scale 0.1 zp 100, out scale 0.05 zp 0: M = 2. RELU: [0, 255].
  //   90 (-1) -> -20 -> 0; 110 (1) -> 20; 115 (1.5) -> 30; 101 (0.1) -> 2.
  const float inf = std::numeric_limits<float>::infinity();
  const ActivationParams p = MakeReluParams(0, inf, {0.1f, 100}, {0.05f, 0}, DataType::kUInt8);
  const std::vector<uint8_t> in = {90, 110, 115, 101};
  GuardedBuffer<uint8_t> out(4);
  ReluUint8(p, 4, in.data(), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{0, 20, 30, 2}));
  // int8 RELU6 with scale 6/255... here scale 0.05, zp -128: [-128, -128 + 120 = -8].
  const ActivationParams p8 = MakeReluParams(0, 6, {0.05f, -128}, {0.05f, -128}, DataType::kInt8);
  const std::vector<int8_t> in8 = {-128, -50, 0, 127};
  GuardedBuffer<int8_t> out8(4);
  ReluInt8(p8, 4, in8.data(), out8.data());
  EXPECT_EQ(out8.values(), (std::vector<int8_t>{-128, -50, -8, -8}));
  EXPECT_TRUE(out8.GuardsIntact());
}

TEST(Reshape, CopiesBytesAndAllowsAliasing) {
  const std::vector<float> in = {1, 2, 3, 4, 5, 6};
  GuardedBuffer<float> out(6);
  Reshape(in.data(), out.data(), 6 * sizeof(float));
  EXPECT_EQ(out.values(), in);
  EXPECT_TRUE(out.GuardsIntact());
  std::vector<float> same = in;
  Reshape(same.data(), same.data(), 6 * sizeof(float));
  EXPECT_EQ(same, in);
}

}  // namespace
}  // namespace posenet::ref
