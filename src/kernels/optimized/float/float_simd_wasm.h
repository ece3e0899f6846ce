// The WebAssembly SIMD128 level of the float kernels' shared code (float_gemm_driver.h,
// float_im2col_rows.h): 4 floats per v128, tails as live-lane counts (SIMD128 has no masked
// loads or stores: partial vectors go through a small local buffer). SIMD128 has no fused
// multiply-add, so Fma is a multiply then an add; Max/Min are pmax/pmin (one x86 instruction
// each). Include only from *_wasm.cc (the unnamed namespace gives each including file its own
// copy).
#pragma once

#include <wasm_simd128.h>

#include <cstdint>
#include <cstring>

namespace posenet::fconv {
namespace {

struct FloatWasm {
  using Vec = v128_t;
  using Tail = int32_t;  // live lanes of a row's last vector (1..4)
  static constexpr int kLanes = 4;
  static constexpr int kRows = 6;  // GEMM micro-tile rows (12 accumulators at 2 vectors)

  static Tail TailMask(int lanes) { return lanes; }
  static Vec Zero() { return wasm_f32x4_splat(0.0f); }
  static Vec Splat(float x) { return wasm_f32x4_splat(x); }
  static Vec Load(const float* p) { return wasm_v128_load(p); }
  static Vec LoadU(const float* p) { return wasm_v128_load(p); }
  static Vec LoadTail(const float* p, Tail t) {
    alignas(16) float staged[kLanes] = {};
    std::memcpy(staged, p, static_cast<size_t>(t) * sizeof(float));
    return wasm_v128_load(staged);
  }
  static void StoreU(float* p, Vec v) { wasm_v128_store(p, v); }
  static void StoreTail(float* p, Tail t, Vec v) {
    if (t == kLanes) return wasm_v128_store(p, v);
    alignas(16) float staged[kLanes];
    wasm_v128_store(staged, v);
    std::memcpy(p, staged, static_cast<size_t>(t) * sizeof(float));
  }
  static Vec Fma(Vec x, Vec w, Vec acc) { return wasm_f32x4_add(acc, wasm_f32x4_mul(x, w)); }
  static Vec Add(Vec a, Vec b) { return wasm_f32x4_add(a, b); }
  static Vec Max(Vec a, Vec b) { return wasm_f32x4_pmax(a, b); }
  static Vec Min(Vec a, Vec b) { return wasm_f32x4_pmin(a, b); }
};

}  // namespace
}  // namespace posenet::fconv
