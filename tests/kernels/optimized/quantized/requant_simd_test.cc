// The SIMD requantization (requant_forms.h's general form at the AVX2 and AVX-512 levels on
// x86-64) against the scalar TFLite rule in kernels/quantization.h, on random and edge-case
// accumulators, multipliers and shifts (ties of both roundings, INT32_MIN, saturation).
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
#endif

// The SIMD entry points exist on their own architecture only.
#if defined(__x86_64__)
namespace posenet {
namespace {

using BatchFn = RequantBatchFn;

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

}  // namespace
}  // namespace posenet
#endif  // __x86_64__
