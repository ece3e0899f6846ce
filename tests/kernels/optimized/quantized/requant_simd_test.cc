// The SIMD requantization (requant_forms.h's general form at the AVX2 and AVX-512 levels on
// x86-64, requant_neon.h on AArch64) against the scalar TFLite rule in kernels/quantization.h, on
// random and edge-case accumulators, multipliers and shifts (ties of both roundings, INT32_MIN,
// saturation).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "base/cpu_features.h"
#include "kernels/quantization.h"
#if defined(__x86_64__)
#include "kernels/optimized/quantized/requant_batch.h"
#elif defined(__aarch64__)
#include "kernels/optimized/quantized_arm/requant_batch_neon.h"
#endif

// The SIMD entry points exist on their own architecture only.
#if defined(__x86_64__) || defined(__aarch64__)
namespace posenet {
namespace {

#if defined(__x86_64__)
using BatchFn = RequantBatchFn;
#else
using BatchFn = decltype(&RequantizeBatchNeon);
#endif

struct Case {
  std::vector<int32_t> acc, multiplier, shift;
};

Case MakeCase(uint32_t seed, int64_t n) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int32_t> any(std::numeric_limits<int32_t>::min(),
                                             std::numeric_limits<int32_t>::max());
  std::uniform_int_distribution<int32_t> small(-70000, 70000);
  std::uniform_int_distribution<int32_t> q31((1 << 30), std::numeric_limits<int32_t>::max());
  std::uniform_int_distribution<int32_t> right(-31, 0), left(0, 8), pick(0, 9);
  Case c;
  for (int64_t i = 0; i < n; ++i) {
    const int kind = pick(rng);
    // Mostly realistic accumulators, some extreme ones, and exact ties of the rounding rules.
    int32_t a = kind < 6 ? small(rng) : any(rng);
    if (kind == 8) a = std::numeric_limits<int32_t>::min();
    if (kind == 9) a = (small(rng) | 1) << 4;  // many halves after right shifts
    int32_t m = q31(rng);
    if (kind == 7) m = 1 << 30;  // exactly one half: ties in SRDHM
    if (kind == 8 && pick(rng) < 5) m = std::numeric_limits<int32_t>::min();  // saturation
    c.acc.push_back(a);
    c.multiplier.push_back(m);
    c.shift.push_back(pick(rng) < 8 ? right(rng) : left(rng));
  }
  return c;
}

void ExpectMatchesScalar(BatchFn fn, int64_t n, uint32_t seed) {
  const Case c = MakeCase(seed, n);
  const int32_t offset = 3, qmin = -128, qmax = 255;
  std::vector<int32_t> got(n + 1, 0x5A5A5A5A);
  fn(c.acc.data(), n, c.multiplier.data(), c.shift.data(), offset, qmin, qmax, got.data());
  for (int64_t i = 0; i < n; ++i) {
    // The output zero point is added in int32 as TFLite does; the extreme test values can
    // overflow it, which wraps in SIMD, so the expectation wraps too (without UB).
    const int32_t scaled = MultiplyByQuantizedMultiplier(c.acc[i], c.multiplier[i], c.shift[i]);
    const auto with_offset =
        static_cast<int32_t>(static_cast<uint32_t>(scaled) + static_cast<uint32_t>(offset));
    const int32_t want = std::clamp(with_offset, qmin, qmax);
    ASSERT_EQ(got[i], want) << "i=" << i << " acc=" << c.acc[i] << " multiplier=" << c.multiplier[i]
                            << " shift=" << c.shift[i];
  }
  EXPECT_EQ(got[n], 0x5A5A5A5A) << "wrote past the end";
}

// Without clamping, so that the full int32 result is compared.
void ExpectUnclampedMatchesScalar(BatchFn fn, uint32_t seed) {
  const int64_t n = 4099;
  const Case c = MakeCase(seed, n);
  std::vector<int32_t> got(n);
  const int32_t lo = std::numeric_limits<int32_t>::min(), hi = std::numeric_limits<int32_t>::max();
  fn(c.acc.data(), n, c.multiplier.data(), c.shift.data(), 0, lo, hi, got.data());
  for (int64_t i = 0; i < n; ++i) {
    ASSERT_EQ(got[i], MultiplyByQuantizedMultiplier(c.acc[i], c.multiplier[i], c.shift[i]))
        << "i=" << i << " acc=" << c.acc[i] << " multiplier=" << c.multiplier[i]
        << " shift=" << c.shift[i];
  }
}

#if defined(__x86_64__)
TEST(RequantSimd, Avx512MatchesScalar) {
  if (!IsaSupported(IsaLevel::kAvx512)) GTEST_SKIP() << "CPU has no AVX-512 VNNI";
  for (int64_t n : {1, 15, 16, 17, 1000}) ExpectMatchesScalar(kRequantizeBatchAvx512, n, 7 + n);
  ExpectUnclampedMatchesScalar(kRequantizeBatchAvx512, 11);
}

TEST(RequantSimd, Avx2MatchesScalar) {
  if (!IsaSupported(IsaLevel::kAvx2)) GTEST_SKIP() << "CPU has no AVX2";
  for (int64_t n : {1, 7, 8, 9, 1000}) ExpectMatchesScalar(kRequantizeBatchAvx2, n, 5 + n);
  ExpectUnclampedMatchesScalar(kRequantizeBatchAvx2, 13);
}
#elif defined(__aarch64__)
TEST(RequantSimd, NeonMatchesScalar) {
  if (!IsaSupported(IsaLevel::kNeon)) GTEST_SKIP() << "CPU has no Advanced SIMD";
  for (int64_t n : {1, 3, 4, 5, 1000}) ExpectMatchesScalar(&RequantizeBatchNeon, n, 3 + n);
  ExpectUnclampedMatchesScalar(&RequantizeBatchNeon, 17);
}

// Each rounding's ties and extremes written out: a missed fix-up for negative ties, or a shift
// or multiply that overflows, shows here by name.
TEST(RequantSimd, NeonTiesAndExtremes) {
  if (!IsaSupported(IsaLevel::kNeon)) GTEST_SKIP() << "CPU has no Advanced SIMD";
  constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
  constexpr int32_t kMax = std::numeric_limits<int32_t>::max();
  const std::vector<int32_t> acc = {3,    -3,   5,    -5, 1 << 20, -(1 << 20), kMin, kMin,
                                    kMax, kMin, kMax, -1, 1,       0,          -7,   7};
  const std::vector<int32_t> multiplier = {1 << 30, 1 << 30, 1 << 30, 1 << 30, kMax,    kMax,
                                           kMin,    kMax,    kMax,    1 << 30, 1 << 30, 1 << 30,
                                           1 << 30, kMax,    kMin,    kMin};
  const std::vector<int32_t> shift = {-1, -1,  -2, -2, -31, -31, 0,  -5,
                                      0,  -31, 3,  -1, -1,  -7,  -1, -1};
  std::vector<int32_t> got(acc.size());
  RequantizeBatchNeon(acc.data(), static_cast<int64_t>(acc.size()), multiplier.data(), shift.data(),
                      0, kMin, kMax, got.data());
  for (size_t i = 0; i < acc.size(); ++i) {
    EXPECT_EQ(got[i], MultiplyByQuantizedMultiplier(acc[i], multiplier[i], shift[i]))
        << "acc=" << acc[i] << " multiplier=" << multiplier[i] << " shift=" << shift[i];
  }
  // Hand-computed: 3 * 1/2 = 1.5 -> 2 (ties up), / 2 = 1; -3 * 1/2 = -1.5 -> -1, / 2 = -0.5
  // -> -1 (ties away from zero); 5 * 1/2 = 2.5 -> 3, / 4 = 0.75 -> 1; -5 * 1/2 = -2.5 -> -2,
  // / 4 = -0.5 -> -1; INT32_MIN * INT32_MIN saturates to INT32_MAX.
  EXPECT_EQ(got[0], 1);
  EXPECT_EQ(got[1], -1);
  EXPECT_EQ(got[2], 1);
  EXPECT_EQ(got[3], -1);
  EXPECT_EQ(got[6], kMax);
}
#endif

}  // namespace
}  // namespace posenet
#endif  // __x86_64__ || __aarch64__
