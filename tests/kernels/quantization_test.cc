// TFLite's fixed-point arithmetic against hand-computed values and exact rational arithmetic.
#include "kernels/quantization.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "base/window.h"
#include "kernels/activation.h"

namespace posenet {
namespace {

constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
constexpr int32_t kMax = std::numeric_limits<int32_t>::max();

TEST(QuantizeMultiplier, PowersOfTwo) {
  // frexp(0.5) = 0.5 * 2^0 -> q = 0.5 * 2^31 = 2^30, shift 0.
  EXPECT_EQ(QuantizeMultiplier(0.5).multiplier, 1 << 30);
  EXPECT_EQ(QuantizeMultiplier(0.5).shift, 0);
  // 1.0 = 0.5 * 2^1.
  EXPECT_EQ(QuantizeMultiplier(1.0).multiplier, 1 << 30);
  EXPECT_EQ(QuantizeMultiplier(1.0).shift, 1);
  // 0.25 = 0.5 * 2^-1.
  EXPECT_EQ(QuantizeMultiplier(0.25).multiplier, 1 << 30);
  EXPECT_EQ(QuantizeMultiplier(0.25).shift, -1);
  // 0.75 = 0.75 * 2^0 -> 0.75 * 2^31 = 1610612736.
  EXPECT_EQ(QuantizeMultiplier(0.75).multiplier, 1610612736);
  EXPECT_EQ(QuantizeMultiplier(0.75).shift, 0);
  // 3.0 = 0.75 * 2^2.
  EXPECT_EQ(QuantizeMultiplier(3.0).multiplier, 1610612736);
  EXPECT_EQ(QuantizeMultiplier(3.0).shift, 2);
}

TEST(QuantizeMultiplier, RoundingCarry) {
  // 1 - 2^-34 has fraction 1 - 2^-34 and exponent 0; fraction * 2^31 = 2^31 - 1/8 rounds to
  // 2^31, which does not fit: it becomes 2^30 with the exponent bumped to 1 (i.e. 1.0).
  const QuantizedMultiplier q = QuantizeMultiplier(1.0 - std::ldexp(1.0, -34));
  EXPECT_EQ(q.multiplier, 1 << 30);
  EXPECT_EQ(q.shift, 1);
}

TEST(QuantizeMultiplier, ZeroAndTiny) {
  EXPECT_EQ(QuantizeMultiplier(0.0).multiplier, 0);
  EXPECT_EQ(QuantizeMultiplier(0.0).shift, 0);
  // 2^-32 = 0.5 * 2^-31: still representable.
  EXPECT_EQ(QuantizeMultiplier(std::ldexp(1.0, -32)).multiplier, 1 << 30);
  EXPECT_EQ(QuantizeMultiplier(std::ldexp(1.0, -32)).shift, -31);
  // 2^-33 = 0.5 * 2^-32: shift < -31, flushed to zero.
  EXPECT_EQ(QuantizeMultiplier(std::ldexp(1.0, -33)).multiplier, 0);
  EXPECT_EQ(QuantizeMultiplier(std::ldexp(1.0, -33)).shift, 0);
}

TEST(QuantizeMultiplier, WithinHalfAUnitOfTheRealValue) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> log2_dist(-25.0, 8.0);
  for (int i = 0; i < 10000; ++i) {
    const double m = std::exp2(log2_dist(rng));
    const QuantizedMultiplier q = QuantizeMultiplier(m);
    ASSERT_GE(q.multiplier, 1 << 30) << m;
    // q * 2^(shift - 31) approximates m to half a unit of the last Q31 bit.
    const double approx = std::ldexp(static_cast<double>(q.multiplier), q.shift - 31);
    ASSERT_LE(std::abs(approx - m), std::ldexp(1.0, q.shift - 32)) << m;
  }
}

TEST(ConvolutionMultiplier, ProductInDouble) {
  // 0.5 * 0.25 / 1 = 0.125 = 0.5 * 2^-2.
  EXPECT_EQ(ConvolutionMultiplier(0.5f, 0.25f, 1.0f).multiplier, 1 << 30);
  EXPECT_EQ(ConvolutionMultiplier(0.5f, 0.25f, 1.0f).shift, -2);
  // The product is not rounded to float: with s_in = s_w = 1 + 2^-12 the exact product
  // 1 + 2^-11 + 2^-24 needs 25 bits, and float would drop the 2^-24.
  const float s = 1.0f + std::ldexp(1.0f, -12);
  const double exact = (1.0 + std::ldexp(1.0, -12)) * (1.0 + std::ldexp(1.0, -12));
  EXPECT_EQ(ConvolutionMultiplier(s, s, 1.0f).multiplier, QuantizeMultiplier(exact).multiplier);
  EXPECT_NE(QuantizeMultiplier(static_cast<double>(s * s)).multiplier,
            QuantizeMultiplier(exact).multiplier);
}

TEST(SaturatingRoundingDoublingHighMul, EdgeCases) {
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(kMin, kMin), kMax);  // the only overflow
  // (2^31 - 1)^2 / 2^31 = 2^31 - 2 + 2^-31 -> 2147483646.
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(kMax, kMax), 2147483646);
  // -2^31 * (2^31 - 1) / 2^31 = -(2^31 - 1) exactly.
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(kMin, kMax), -2147483647);
  // 2^30 * 2^30 / 2^31 = 2^29.
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(1 << 30, 1 << 30), 1 << 29);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(0, kMin), 0);
}

TEST(SaturatingRoundingDoublingHighMul, TiesRoundUp) {
  const int32_t half = 1 << 30;                                // b = 2^30 makes the result a * 0.5
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(1, half), 1);    // 0.5 -> 1
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(3, half), 2);    // 1.5 -> 2
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(-1, half), 0);   // -0.5 -> 0
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(-3, half), -1);  // -1.5 -> -1
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(-4, half), -2);  // exact
  // Not a tie: 7 * 0.75 = 5.25 -> 5, -5.25 -> -5.
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(7, 1610612736), 5);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(-7, 1610612736), -5);
}

TEST(RoundingDivideByPOT, RoundsHalfAwayFromZero) {
  EXPECT_EQ(RoundingDivideByPOT(3, 1), 2);    // 1.5
  EXPECT_EQ(RoundingDivideByPOT(-3, 1), -2);  // -1.5
  EXPECT_EQ(RoundingDivideByPOT(5, 2), 1);    // 1.25
  EXPECT_EQ(RoundingDivideByPOT(-5, 2), -1);  // -1.25
  EXPECT_EQ(RoundingDivideByPOT(6, 2), 2);    // 1.5
  EXPECT_EQ(RoundingDivideByPOT(-6, 2), -2);  // -1.5
  EXPECT_EQ(RoundingDivideByPOT(7, 2), 2);    // 1.75
  EXPECT_EQ(RoundingDivideByPOT(-7, 2), -2);  // -1.75
  EXPECT_EQ(RoundingDivideByPOT(1, 1), 1);    // 0.5
  EXPECT_EQ(RoundingDivideByPOT(-1, 1), -1);  // -0.5
  EXPECT_EQ(RoundingDivideByPOT(7, 0), 7);
  EXPECT_EQ(RoundingDivideByPOT(kMax, 31), 1);         // 0.99999...
  EXPECT_EQ(RoundingDivideByPOT(kMin, 31), -1);        // -1 exactly
  EXPECT_EQ(RoundingDivideByPOT(1 << 30, 31), 1);      // 0.5
  EXPECT_EQ(RoundingDivideByPOT(-(1 << 30), 31), -1);  // -0.5
}

TEST(MultiplyByQuantizedMultiplier, HandComputed) {
  // 100 * 0.5 = 50.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(100, 1 << 30, 0), 50);
  // 3 * 2.0: left shift 2 (12), then * 0.5 = 6.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(3, 1 << 30, 2), 6);
  // 3 * 0.25 = 0.75: SRDHM(3, 0.5) = round(1.5) = 2, then 2 / 2 = 1.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(3, 1 << 30, -1), 1);
  // Double rounding: 1 * 0.25 = 0.25 exactly would round to 0, but TFLite rounds twice:
  // SRDHM(1, 0.5) = round(0.5) = 1, then RoundingDivideByPOT(1, 1) = round(0.5) = 1.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(1, 1 << 30, -1), 1);
  // -20 * 0.125 = -2.5 -> SRDHM(-20, 0.5) = -10, -10 / 4 = -2.5 -> -3 (away from zero).
  EXPECT_EQ(MultiplyByQuantizedMultiplier(-20, 1 << 30, -2), -3);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(20, 1 << 30, -2), 3);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(0, 1 << 30, 5), 0);
}

TEST(MultiplyByQuantizedMultiplier, WithinOneOfTheExactProduct) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int32_t> acc_dist(-(1 << 22), 1 << 22);
  std::uniform_real_distribution<double> log2_dist(-20.0, 0.0);
  for (int i = 0; i < 20000; ++i) {
    const int32_t acc = acc_dist(rng);
    const QuantizedMultiplier q = QuantizeMultiplier(std::exp2(log2_dist(rng)));
    const long double exact =
        static_cast<long double>(acc) * q.multiplier * std::ldexp(1.0L, q.shift - 31);
    const int32_t got = MultiplyByQuantizedMultiplier(acc, q.multiplier, q.shift);
    ASSERT_LE(std::abs(static_cast<long double>(got) - exact), 1.0L)
        << acc << " * " << q.multiplier << " shift " << q.shift;
  }
}

TEST(ActivationRange, Float) {
  EXPECT_EQ(CalculateActivationRangeFloat(Activation::kRelu6), std::make_pair(0.0f, 6.0f));
  EXPECT_EQ(CalculateActivationRangeFloat(Activation::kReluN1To1), std::make_pair(-1.0f, 1.0f));
  EXPECT_EQ(CalculateActivationRangeFloat(Activation::kRelu).first, 0.0f);
  EXPECT_EQ(CalculateActivationRangeFloat(Activation::kNone).first,
            std::numeric_limits<float>::lowest());
}

TEST(ActivationRange, Quantized) {
  using P = std::pair<int32_t, int32_t>;
  EXPECT_EQ(CalculateActivationRangeQuantized(Activation::kNone, 0.1f, 3, DataType::kUInt8),
            P(0, 255));
  EXPECT_EQ(CalculateActivationRangeQuantized(Activation::kNone, 0.1f, 3, DataType::kInt8),
            P(-128, 127));
  // scale 6/255, zp 0: round(6 / (6/255)) = 255.
  EXPECT_EQ(CalculateActivationRangeQuantized(Activation::kRelu6, 6.0f / 255, 0, DataType::kUInt8),
            P(0, 255));
  // scale 0.1, zp 10: [10 + 0, 10 + 60].
  EXPECT_EQ(CalculateActivationRangeQuantized(Activation::kRelu6, 0.1f, 10, DataType::kUInt8),
            P(10, 70));
  // int8 scale 0.05 zp -128: -1 -> -148 (clamped to -128), +1 -> -108.
  EXPECT_EQ(CalculateActivationRangeQuantized(Activation::kReluN1To1, 0.05f, -128, DataType::kInt8),
            P(-128, -108));
  EXPECT_EQ(CalculateActivationRangeQuantized(Activation::kRelu, 1.0f, -5, DataType::kInt8),
            P(-5, 127));
  // scale 0.4: 6 / 0.4 = 15, zp 250 -> 265 clamps to 255.
  EXPECT_EQ(CalculateActivationRangeQuantized(Activation::kRelu6, 0.4f, 250, DataType::kUInt8),
            P(250, 255));
}

struct PaddingCase {
  int32_t in, filter, stride, dilation;
  Padding padding;
  int32_t out, before, after;
};

TEST(ComputePadding, SameAndValid) {
  const PaddingCase cases[] = {
      // SAME 5, k3, s1: out 5, total (5-1)*1 + 3 - 5 = 2 -> 1 / 1.
      {5, 3, 1, 1, Padding::kSame, 5, 1, 1},
      // PoseNet's stride-2 layers: 481, k3, s2: out 241, total 240*2 + 3 - 481 = 2.
      {481, 3, 2, 1, Padding::kSame, 241, 1, 1},
      // 4, k3, s2: out 2, total 2 + 3 - 4 = 1 -> 0 before, 1 after (extra goes after).
      {4, 3, 2, 1, Padding::kSame, 2, 0, 1},
      // 6, k1, s2: out 3, total 4 + 1 - 6 = -1 -> 0.
      {6, 1, 2, 1, Padding::kSame, 3, 0, 0},
      // Dilation 2 makes k3 span 5: 7, s1: out 7, total 6 + 5 - 7 = 4 -> 2 / 2.
      {7, 3, 1, 2, Padding::kSame, 7, 2, 2},
      // 8, k3, s2, d2: out 4, total 3*2 + 5 - 8 = 3 -> 1 / 2.
      {8, 3, 2, 2, Padding::kSame, 4, 1, 2},
      // VALID 7, k3, s2: (7 - 3) / 2 + 1 = 3.
      {7, 3, 2, 1, Padding::kValid, 3, 0, 0},
      // VALID 8, k3, s2: (8 - 3) / 2 + 1 = 3 (floor), total 2*2 + 3 - 8 < 0.
      {8, 3, 2, 1, Padding::kValid, 3, 0, 0},
      // VALID 7, k3, d3: span 7 -> 1 output.
      {7, 3, 1, 3, Padding::kValid, 1, 0, 0},
      // VALID window larger than the input: no output.
      {2, 3, 1, 1, Padding::kValid, 0, 0, 0},
  };
  for (const PaddingCase& c : cases) {
    const WindowPadding w = ComputePadding(c.in, c.filter, c.stride, c.dilation, c.padding);
    EXPECT_EQ(w.out, c.out) << c.in << " k" << c.filter << " s" << c.stride << " d" << c.dilation;
    EXPECT_EQ(w.pad_before, c.before) << c.in << " k" << c.filter << " s" << c.stride;
    EXPECT_EQ(w.pad_after, c.after) << c.in << " k" << c.filter << " s" << c.stride;
  }
}

}  // namespace
}  // namespace posenet
