// The ceiling of exact 8-bit multiply-accumulate on WebAssembly SIMD128 in this engine (V8):
// register-blocked tiles of i32x4.dot_i16x8_s + i32x4.add over L1-resident int16 operands, the
// inner loop of a uint8 GEMM with nothing else (no gather, no requantization, no cache misses).
// Prints GMAC/s per tile shape and, for the MAC counts given, the time no SIMD128 kernel built
// on this instruction can beat. Usage: node dot_ceiling.js [NAME=MACS ...]
#include <wasm_simd128.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

namespace {

constexpr int kPairs = 192;  // K = 384, the widest layers of PoseNet's MobileNet
alignas(16) int16_t weights[kPairs * 2 * 4 * 4];
alignas(16) int16_t inputs[8][kPairs * 2];
int32_t sink;

// One tile: kRows pixels x kVectors * 4 channels over K = 2 * kPairs.
template <int kRows, int kVectors>
__attribute__((noinline)) v128_t Tile(const int16_t* w, const int16_t (*x)[kPairs * 2]) {
  v128_t acc[kRows][kVectors];
  for (int r = 0; r < kRows; ++r)
    for (int v = 0; v < kVectors; ++v) acc[r][v] = wasm_i32x4_splat(0);
  for (int q = 0; q < kPairs; ++q) {
    v128_t wv[kVectors];
    for (int v = 0; v < kVectors; ++v) wv[v] = wasm_v128_load(w + (q * kVectors + v) * 8);
    for (int r = 0; r < kRows; ++r) {
      const v128_t xb = wasm_v128_load32_splat(&x[r][2 * q]);
      for (int v = 0; v < kVectors; ++v)
        acc[r][v] = wasm_i32x4_add(acc[r][v], wasm_i32x4_dot_i16x8(xb, wv[v]));
    }
  }
  v128_t sum = wasm_i32x4_splat(0);
  for (int r = 0; r < kRows; ++r)
    for (int v = 0; v < kVectors; ++v) sum = wasm_i32x4_add(sum, acc[r][v]);
  return sum;
}

// Best of 5 timings of ~0.2 s each, after a warm-up long enough for V8's optimizing tier.
template <int kRows, int kVectors>
double MeasureGmacs() {
  const double macs_per_call = 8.0 * kPairs * kRows * kVectors;  // 8 per dot
  double best = 0;
  for (int round = 0; round < 6; ++round) {
    const auto start = std::chrono::steady_clock::now();
    int64_t calls = 0;
    double seconds = 0;
    while (seconds < 0.2) {
      for (int i = 0; i < 1000; ++i, ++calls) {
        weights[calls & 1023] += 1;  // the operands change: no call can be folded away
        sink += wasm_i32x4_extract_lane(Tile<kRows, kVectors>(weights, inputs), 0);
      }
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    if (round > 0 && calls * macs_per_call / seconds / 1e9 > best)
      best = calls * macs_per_call / seconds / 1e9;
  }
  std::printf("  %d pixels x %2d channels: %5.1f GMAC/s\n", kRows, kVectors * 4, best);
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 0; i < static_cast<int>(sizeof(weights) / 2); ++i)
    weights[i] = static_cast<int16_t>(i * 37 % 511 - 255);
  for (auto& row : inputs)
    for (int i = 0; i < kPairs * 2; ++i) row[i] = static_cast<int16_t>(i * 13 % 256);
  std::printf("i32x4.dot_i16x8_s tiles on L1-resident data (K = %d):\n", 2 * kPairs);
  double best = 0;
  for (const double g :
       {MeasureGmacs<2, 2>(), MeasureGmacs<3, 2>(), MeasureGmacs<4, 2>(), MeasureGmacs<5, 2>(),
        MeasureGmacs<6, 2>(), MeasureGmacs<2, 3>(), MeasureGmacs<3, 3>(), MeasureGmacs<4, 3>(),
        MeasureGmacs<2, 4>(), MeasureGmacs<3, 4>(), MeasureGmacs<8, 1>()})
    if (g > best) best = g;
  std::printf("ceiling %.1f GMAC/s\n", best);
  for (int i = 1; i < argc; ++i) {
    const char* eq = std::strchr(argv[i], '=');
    if (eq == nullptr) continue;
    const double macs = std::strtod(eq + 1, nullptr);
    std::printf("%.*s: %.0f MACs take at least %.1f ms at the ceiling\n",
                static_cast<int>(eq - argv[i]), argv[i], macs, macs / best / 1e6);
  }
  return sink == 12345 ? 1 : 0;  // keeps the sink alive
}
