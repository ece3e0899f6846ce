#include "kernels/quantization.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace posenet {

QuantizedMultiplier QuantizeMultiplier(double real_multiplier) {
  QuantizedMultiplier result;
  if (real_multiplier == 0.0 || !std::isfinite(real_multiplier)) return result;
  // real = fraction * 2^exponent with |fraction| in [0.5, 1); the fraction becomes Q31.
  int exponent = 0;
  const double fraction = std::frexp(real_multiplier, &exponent);
  int64_t q = static_cast<int64_t>(std::round(fraction * static_cast<double>(int64_t{1} << 31)));
  // Rounding can carry the fraction up to exactly 1.0 (2^31), which does not fit in Q31.
  if (q == (int64_t{1} << 31)) {
    q /= 2;
    ++exponent;
  }
  if (exponent < -31) {
    // Too small to represent: TFLite flushes it to zero.
    return result;
  }
  result.multiplier = static_cast<int32_t>(q);
  result.shift = exponent;
  return result;
}

QuantizedMultiplier ConvolutionMultiplier(float input_scale, float filter_scale,
                                          float output_scale) {
  return QuantizeMultiplier(static_cast<double>(input_scale) * static_cast<double>(filter_scale) /
                            static_cast<double>(output_scale));
}

int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  // The only product whose doubling overflows int32 is INT32_MIN * INT32_MIN.
  if (a == b && a == std::numeric_limits<int32_t>::min()) {
    return std::numeric_limits<int32_t>::max();
  }
  const int64_t ab = int64_t{a} * int64_t{b};
  // gemmlowp adds +1/2 (positive products) or -1/2 + 2^-31 (negative ones), then the division
  // truncates toward zero: every tie goes up (1.5 -> 2, -1.5 -> -1).
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

int32_t RoundingDivideByPOT(int32_t x, int32_t exponent) {
  if (exponent <= 0) return x;
  // Arithmetic shift floors; add one when the remainder exceeds half (or reaches half for
  // negative x): round half away from zero.
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

int32_t QuantizeRounded(float v, int32_t zero_point, int32_t qmin, int32_t qmax) {
  float r = std::round(v);
  if (std::isnan(r)) r = 0.0f;
  // The largest float below 2^31 and its negation: the conversion below is always defined.
  const float bounded = std::clamp(r, -2147483520.0f, 2147483520.0f);
  const int64_t q = static_cast<int64_t>(bounded) + zero_point;
  return static_cast<int32_t>(std::clamp<int64_t>(q, qmin, qmax));
}

int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int32_t shift) {
  const int32_t left_shift = shift > 0 ? shift : 0;
  const int32_t right_shift = shift > 0 ? 0 : -shift;
  // TFLite multiplies in int32; do it in uint32 so that an overflow wraps the same way instead
  // of being undefined behaviour.
  const int32_t shifted =
      static_cast<int32_t>(static_cast<uint32_t>(x) * (uint32_t{1} << left_shift));
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(shifted, multiplier), right_shift);
}

}  // namespace posenet
