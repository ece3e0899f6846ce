// kRequantizeBatchWasm (kernels/optimized/quantized/requant_wasm.h) against the scalar TFLite rule
// in kernels/quantization.h, run under Node by scripts/test-wasm.sh (the WebAssembly build has no
// GoogleTest). Runs of 4 lanes that share a shift take the vector path, others the lane-by-lane
// one; both are checked on random and edge-case accumulators and multipliers (ties of both
// roundings, INT32_MIN, saturation). Prints the first mismatch and exits 1.
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

#include "kernels/optimized/quantized/requant_batch.h"
#include "kernels/quantization.h"

int main() {
  using posenet::MultiplyByQuantizedMultiplier;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int32_t> any(std::numeric_limits<int32_t>::min(),
                                             std::numeric_limits<int32_t>::max());
  std::uniform_int_distribution<int32_t> small(-70000, 70000);
  std::uniform_int_distribution<int32_t> q31(1 << 30, std::numeric_limits<int32_t>::max());
  std::uniform_int_distribution<int32_t> right(-31, 0), left(0, 8), pick(0, 9);
  const int64_t n = 200000;
  std::vector<int32_t> acc(n), multiplier(n), shift(n), got(n);
  for (int64_t i = 0; i < n; ++i) {
    const int kind = pick(rng);
    int32_t a = kind < 6 ? small(rng) : any(rng);
    if (kind == 8) a = std::numeric_limits<int32_t>::min();
    if (kind == 9) a = (small(rng) | 1) << 4;  // many halves after right shifts
    int32_t m = q31(rng);
    if (kind == 7) m = 1 << 30;  // exactly one half: ties in SRDHM
    if (kind == 8 && pick(rng) < 5) m = std::numeric_limits<int32_t>::min();  // saturation
    acc[i] = a, multiplier[i] = m;
    // First half: one shift per run of 4 (vector path); second half: per lane.
    if (i < n / 2 && i % 4 != 0) {
      shift[i] = shift[i - 1];
    } else {
      shift[i] = pick(rng) < 8 ? right(rng) : left(rng);
    }
  }
  // Clamped to uint8/int8's union as the kernels do, and unclamped (the whole int32 result).
  const int32_t kMin = std::numeric_limits<int32_t>::min();
  const int32_t kMax = std::numeric_limits<int32_t>::max();
  const int32_t settings[2][3] = {{3, -128, 255}, {0, kMin, kMax}};
  for (const auto& [offset, qmin, qmax] : settings) {
    posenet::kRequantizeBatchWasm(acc.data(), n, multiplier.data(), shift.data(), offset, qmin,
                                  qmax, got.data());
    for (int64_t i = 0; i < n; ++i) {
      // The output zero point is added in int32 as TFLite does; the extreme test values can
      // overflow it, which wraps in SIMD, so the expectation wraps too (without UB).
      const int32_t scaled = MultiplyByQuantizedMultiplier(acc[i], multiplier[i], shift[i]);
      const auto with_offset =
          static_cast<int32_t>(static_cast<uint32_t>(scaled) + static_cast<uint32_t>(offset));
      const int32_t want = with_offset < qmin ? qmin : with_offset > qmax ? qmax : with_offset;
      if (got[i] != want) {
        std::printf(
            "requant_check: lane %lld: acc %d multiplier %d shift %d gave %d, expected %d\n",
            static_cast<long long>(i), acc[i], multiplier[i], shift[i], got[i], want);
        return 1;
      }
    }
  }
  std::printf("requant_check: %lld lanes equal the scalar rule, clamped and not\n",
              static_cast<long long>(n));
  return 0;
}
