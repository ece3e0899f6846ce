// TFLite's integer requantization arithmetic, reproduced exactly (see
// ../shared/docs/posenet-decoding.md section 2.4): a real multiplier becomes a Q31 fixed-point
// multiplier and a power-of-two shift; products use a saturating rounding doubling high
// multiply (round half up) and a rounding right shift (round half away from zero).
#pragma once

#include <cstdint>

namespace posenet {

struct QuantizedMultiplier {
  int32_t multiplier = 0;  // Q31, in [2^30, 2^31) unless zero
  int32_t shift = 0;       // > 0: left shift; < 0: right shift
};

// TFLite's QuantizeMultiplier (frexp-based, with the 2^31 rounding carry).
QuantizedMultiplier QuantizeMultiplier(double real_multiplier);

// gemmlowp: a * b / 2^31 rounded to nearest with ties up (toward +infinity: 0.5 -> 1,
// -0.5 -> 0); INT32_MIN * INT32_MIN saturates to INT32_MAX.
// The requantization multiplier of one convolution output channel (CONV_2D,
// DEPTHWISE_CONV_2D): QuantizeMultiplier(double(s_in) * double(s_w) / double(s_out)), the
// product taken in double. This is TFLite's per-channel formula; the Coral uint8 reference
// outputs (../shared/data/reference/raw) are reproduced bit for bit with it for per-tensor
// weights too, and not with the product rounded to float first.
QuantizedMultiplier ConvolutionMultiplier(float input_scale, float filter_scale,
                                          float output_scale);

int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b);
// x / 2^exponent rounded half away from zero, for exponent in [0, 31].
int32_t RoundingDivideByPOT(int32_t x, int32_t exponent);
// RoundingDivideByPOT(SRDHM(x * 2^max(shift,0), multiplier), max(-shift,0)), for shift in
// [kMinShift, kMaxShift]; x * 2^shift wraps around in int32 as TFLite's multiplication does on
// every CPU it runs on (defined here: computed in uint32).
int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int32_t shift);

// a + b wrapping around in int32, as TFLite's int32 additions (accumulators, bias, output zero
// point) do on every CPU it runs on, and as the SIMD kernels' lane additions do: the same bytes,
// without signed overflow (undefined behaviour).
inline int32_t WrappingAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}

// The shifts TFLite's arithmetic can apply (its QuantizeMultiplier flushes multipliers below
// 2^-31 to zero and its single-rounding kernels cap left shifts at 30): a requantization whose
// shift is above kMaxShift is not representable, and Prepare refuses it.
inline constexpr int32_t kMinShift = -31, kMaxShift = 30;

// round(v) + zero_point clamped to [qmin, qmax], computed without overflow: v beyond int32
// saturates and NaN counts as 0 (a float-to-int conversion out of range is undefined
// behaviour, which TFLite leaves to the CPU).
int32_t QuantizeRounded(float v, int32_t zero_point, int32_t qmin, int32_t qmax);

}  // namespace posenet
