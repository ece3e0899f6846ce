// Reference CONCATENATION by hand: every axis, and TFLite's float requantization of inputs
// whose quantization differs from the output's.
#include "kernels/reference/concatenation.h"

#include <gtest/gtest.h>

#include <vector>

#include "kernel_test_util.h"

namespace posenet::ref {
namespace {

using ::posenet::testing::GuardedBuffer;
using ::posenet::testing::Shape4;

std::vector<float> ConcatFloat(int32_t axis, const Dims4& sa, const std::vector<float>& a,
                               const Dims4& sb, const std::vector<float>& b, const Dims4& so) {
  ConcatParams p;
  p.axis = axis;
  const Dims4 shapes[] = {sa, sb};
  const float* inputs[] = {a.data(), b.data()};
  GuardedBuffer<float> out(so.size());
  ConcatenationFloat(p, shapes, inputs, so, out.data());
  EXPECT_TRUE(out.GuardsIntact());
  return out.values();
}

TEST(ConcatenationFloat, EveryAxis) {
  // Channels: pixel i gets a's channel then b's two channels.
  EXPECT_EQ(ConcatFloat(3, Shape4(1, 1, 2, 1), {1, 2}, Shape4(1, 1, 2, 2), {3, 4, 5, 6},
                        Shape4(1, 1, 2, 3)),
            (std::vector<float>{1, 3, 4, 2, 5, 6}));
  // Width: one row, a's pixel then b's two pixels (2 channels each).
  EXPECT_EQ(ConcatFloat(2, Shape4(1, 2, 1, 2), {1, 2, 7, 8}, Shape4(1, 2, 2, 2),
                        {3, 4, 5, 6, 9, 10, 11, 12}, Shape4(1, 2, 3, 2)),
            (std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  // Height: a's rows then b's rows, per batch.
  EXPECT_EQ(ConcatFloat(1, Shape4(2, 1, 2, 1), {1, 2, 10, 20}, Shape4(2, 2, 2, 1),
                        {3, 4, 5, 6, 30, 40, 50, 60}, Shape4(2, 3, 2, 1)),
            (std::vector<float>{1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60}));
  // Batch: a whole then b whole.
  EXPECT_EQ(ConcatFloat(0, Shape4(1, 1, 1, 2), {1, 2}, Shape4(2, 1, 1, 2), {3, 4, 5, 6},
                        Shape4(3, 1, 1, 2)),
            (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(ConcatenationUint8, CopiesMatchingInputsAndRequantizesOthers) {
  // Output scale 1, zp 5. Input 0 has the same parameters: copied bit for bit (250 stays 250).
  // Input 1 has scale 0.5, zp 10: q -> round((q - 10) * 0.5) + 5, computed as
  // round(q * 0.5 + (-10 * 0.5)) + 5:
  //   13 -> 1.5 -> 2 -> 7;  12 -> 1 -> 6;  11 -> 0.5 -> 1 -> 6;  9 -> -0.5 -> -1 -> 4;
  //   8 -> -1 -> 4;  0 -> -5 -> 0;  255 -> 122.5 -> 123 -> 128.
  ConcatParams p;
  p.axis = 3;
  p.inputs = {{1.0f, 5}, {0.5f, 10}};
  p.output = {1.0f, 5};
  const std::vector<uint8_t> a = {7, 250};
  const std::vector<uint8_t> b = {13, 12, 11, 9, 8, 0, 255};
  const Dims4 shapes[] = {Shape4(1, 1, 1, 2), Shape4(1, 1, 1, 7)};
  const uint8_t* inputs[] = {a.data(), b.data()};
  GuardedBuffer<uint8_t> out(9);
  ConcatenationUint8(p, shapes, inputs, Shape4(1, 1, 1, 9), out.data());
  EXPECT_EQ(out.values(), (std::vector<uint8_t>{7, 250, 7, 6, 6, 4, 4, 0, 128}));
  EXPECT_TRUE(out.GuardsIntact());
}

TEST(ConcatenationInt8, RequantizesAndClamps) {
  // Output scale 1, zp 0; input 0 scale 2, zp 0: q -> 2q clamped (100 -> 127, -100 -> -128);
  // input 1 scale 0.5, zp 10: 13 -> 1.5 -> 2, 9 -> -0.5 -> -1.
  ConcatParams p;
  p.axis = 2;
  p.inputs = {{2.0f, 0}, {0.5f, 10}};
  p.output = {1.0f, 0};
  const std::vector<int8_t> a = {3, 100, -100}, b = {13, 9};
  const Dims4 shapes[] = {Shape4(1, 1, 3, 1), Shape4(1, 1, 2, 1)};
  const int8_t* inputs[] = {a.data(), b.data()};
  GuardedBuffer<int8_t> out(5);
  ConcatenationInt8(p, shapes, inputs, Shape4(1, 1, 5, 1), out.data());
  EXPECT_EQ(out.values(), (std::vector<int8_t>{6, 127, -128, 2, -1}));
  EXPECT_TRUE(out.GuardsIntact());
}

}  // namespace
}  // namespace posenet::ref
