// Reference ADD and MUL: broadcasting, fused clamps and TFLite's integer rules, by hand.
#include <gtest/gtest.h>

#include <vector>

#include "kernel_test_util.h"
#include "kernels/reference/binary_elementwise.h"

namespace posenet::ref {
namespace {

using ::posenet::testing::GuardedBuffer;
using ::posenet::testing::Shape4;

TEST(AddFloat, BroadcastsSizeOneDimensions) {
  ElementwiseParams p;
  const std::vector<float> a = {1, 2, 3, 4, 5, 6};      // [1,1,2,3]
  const std::vector<float> per_channel = {10, 20, 30};  // [1,1,1,3]
  const std::vector<float> per_pixel = {100, 200};      // [1,1,2,1]
  GuardedBuffer<float> out(6);
  BinaryElementwise(BinaryOp::kAdd, p, Shape4(1, 1, 2, 3), a.data(), Shape4(1, 1, 1, 3),
                    per_channel.data(), Shape4(1, 1, 2, 3), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{11, 22, 33, 14, 25, 36}));
  // Broadcast on the first operand works the same.
  BinaryElementwise(BinaryOp::kAdd, p, Shape4(1, 1, 2, 1), per_pixel.data(), Shape4(1, 1, 2, 3),
                    a.data(), Shape4(1, 1, 2, 3), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{101, 102, 103, 204, 205, 206}));
  // Both operands broadcast: [1,1,2,1] + [1,1,1,3] -> [1,1,2,3].
  BinaryElementwise(BinaryOp::kAdd, p, Shape4(1, 1, 2, 1), per_pixel.data(), Shape4(1, 1, 1, 3),
                    per_channel.data(), Shape4(1, 1, 2, 3), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{110, 120, 130, 210, 220, 230}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(AddFloat, FusedRelu6) {
  ElementwiseParams p;
  p.float_min = 0.0f;
  p.float_max = 6.0f;
  const std::vector<float> a = {-3, 1, 4}, b = {1, 1, 4};
  GuardedBuffer<float> out(3);
  BinaryElementwise(BinaryOp::kAdd, p, Shape4(1, 1, 1, 3), a.data(), Shape4(1, 1, 1, 3), b.data(),
                    Shape4(1, 1, 1, 3), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{0, 2, 6}));  // -2 -> 0, 2, 8 -> 6
}

TEST(AddUint8, TfliteIntegerRule) {
  // in1 scale 0.5 zp 128, in2 scale 0.25 zp 100, out scale 1 zp 10.
  // twice_max = 1.0; m1 = 0.5 (2^30, 0); m2 = 0.25 (2^30, -1); m_out = 1 / 2^20 (2^30, -19).
  const ElementwiseParams p = QuantizedAddParams({0.5f, 128}, {0.25f, 100}, {1.0f, 10}, 0, 255);
  EXPECT_EQ(p.left_shift, 20);
  EXPECT_EQ(p.input1_multiplier, 1 << 30);
  EXPECT_EQ(p.input1_shift, 0);
  EXPECT_EQ(p.input2_multiplier, 1 << 30);
  EXPECT_EQ(p.input2_shift, -1);
  EXPECT_EQ(p.output_multiplier, 1 << 30);
  EXPECT_EQ(p.output_shift, -19);
  EXPECT_EQ(p.input1_offset, -128);
  EXPECT_EQ(p.input2_offset, -100);
  EXPECT_EQ(p.output_offset, 10);
  // (130, 108): reals 1 + 2 = 3 -> 13.
  // (129, 100): 0.5 + 0 -> 2^20 * 0.5 = 2^19 scaled, 2^19 * 0.5 = 2^18, 2^18 / 2^19 = 0.5
  //             -> 1 (away from zero) -> 11.
  // (127, 100): -0.5 -> -1 -> 9.
  // (255, 255): 63.5 + 38.75 = 102.25 -> 102 -> 112.
  const std::vector<uint8_t> a = {130, 129, 127, 255}, b = {108, 100, 100, 255};
  GuardedBuffer<uint8_t> out(4);
  BinaryElementwise(BinaryOp::kAdd, p, Shape4(1, 1, 1, 4), a.data(), Shape4(1, 1, 1, 4), b.data(),
                    Shape4(1, 1, 1, 4), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{13, 11, 9, 112}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(AddInt8, BroadcastAndClamp) {
  // Both inputs and the output: scale 1, zp 0 -> plain integer addition, clamped by the fused
  // activation range [-5, 5].
  const ElementwiseParams p = QuantizedAddParams({1.0f, 0}, {1.0f, 0}, {1.0f, 0}, -5, 5);
  const std::vector<int8_t> a = {1, -2, 3, 4}, b = {2, -4};  // [1,1,2,2] + [1,1,1,2]
  GuardedBuffer<int8_t> out(4);
  BinaryElementwise(BinaryOp::kAdd, p, Shape4(1, 1, 2, 2), a.data(), Shape4(1, 1, 1, 2), b.data(),
                    Shape4(1, 1, 2, 2), out.data());
  EXPECT_EQ(out.values(), (std::vector<int8_t>{3, -5, 5, 0}));  // 3, -6 -> -5, 5, 0
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(MulFloat, BroadcastAndClamp) {
  ElementwiseParams p;
  const std::vector<float> a = {1, 2, 3, 4}, b = {-1, 0.5f};  // [1,2,1,2] * [1,1,1,2]
  GuardedBuffer<float> out(4);
  BinaryElementwise(BinaryOp::kMul, p, Shape4(1, 2, 1, 2), a.data(), Shape4(1, 1, 1, 2), b.data(),
                    Shape4(1, 2, 1, 2), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{-1, 1, -3, 2}));
  p.float_min = 0.0f;
  BinaryElementwise(BinaryOp::kMul, p, Shape4(1, 2, 1, 2), a.data(), Shape4(1, 1, 1, 2), b.data(),
                    Shape4(1, 2, 1, 2), out.data());
  EXPECT_EQ(out.values(), (std::vector<float>{0, 1, 0, 2}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(MulUint8, OneMultiplier) {
  // in1 scale 0.5 zp 128, in2 scale 0.25 zp 100, out scale 0.125 zp 5: M = 1.0 (2^30, 1).
  const ElementwiseParams p = QuantizedMulParams({0.5f, 128}, {0.25f, 100}, {0.125f, 5}, 0, 255);
  EXPECT_EQ(p.output_multiplier, 1 << 30);
  EXPECT_EQ(p.output_shift, 1);
  // (130, 108): 2 * 8 = 16 (real 1 * 2 = 2 = 16 * 0.125) -> 21.
  // (126, 108): -2 * 8 = -16 -> -11 -> clamped to 0.
  const std::vector<uint8_t> a = {130, 126}, b = {108, 108};
  GuardedBuffer<uint8_t> out(2);
  BinaryElementwise(BinaryOp::kMul, p, Shape4(1, 1, 1, 2), a.data(), Shape4(1, 1, 1, 2), b.data(),
                    Shape4(1, 1, 1, 2), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{21, 0}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(MulInt8, RoundsTiesAwayFromZero) {
  // in1 scale 0.5 zp 0, in2 scale 0.25 zp 0, out scale 0.5 zp 0: M = 0.25 (2^30, -1).
  // 2 * 3 = 6 -> 1.5: SRDHM(6, 0.5) = 3, 3 / 2 = 1.5 -> 2. -6 -> -1.5: SRDHM(-6, 0.5) = -3,
  // -3 / 2 -> -2. 1 * 3 = 3 -> 0.75: SRDHM(3, 0.5) = round(1.5) = 2, 2 / 2 = 1.
  const ElementwiseParams p = QuantizedMulParams({0.5f, 0}, {0.25f, 0}, {0.5f, 0}, -128, 127);
  const std::vector<int8_t> a = {2, -2, 1}, b = {3};  // broadcast scalar
  GuardedBuffer<int8_t> out(3);
  BinaryElementwise(BinaryOp::kMul, p, Shape4(1, 1, 1, 3), a.data(), Shape4(1, 1, 1, 1), b.data(),
                    Shape4(1, 1, 1, 3), out.data());
  EXPECT_EQ(out.values(), (std::vector<int8_t>{2, -2, 1}));
  EXPECT_TRUE(out.GuardsIntact());
}

}  // namespace
}  // namespace posenet::ref
