// The Advanced SIMD (AArch64) level of the float kernels' shared code (float_gemm_driver.h,
// float_im2col_rows.h): 4 floats per q register, tails as live-lane counts (NEON has no masked
// loads or stores: partial vectors go through a small local buffer). Include only from
// *_neon.cc (the unnamed namespace gives each including file its own copy).
#pragma once

#include <arm_neon.h>

#include <cstdint>
#include <cstring>

namespace posenet::fconv {
namespace {

struct FloatNeon {
  using Vec = float32x4_t;
  using Tail = int32_t;  // live lanes of a row's last vector (1..4)
  static constexpr int kLanes = 4;
  static constexpr int kRows = 6;  // GEMM micro-tile rows (12 accumulators at 2 vectors)

  static Tail TailMask(int lanes) { return lanes; }
  static Vec Zero() { return vdupq_n_f32(0.0f); }
  static Vec Splat(float x) { return vdupq_n_f32(x); }
  static Vec Load(const float* p) { return vld1q_f32(p); }
  static Vec LoadU(const float* p) { return vld1q_f32(p); }
  static Vec LoadTail(const float* p, Tail t) {
    float staged[kLanes] = {};
    std::memcpy(staged, p, static_cast<size_t>(t) * sizeof(float));
    return vld1q_f32(staged);
  }
  static void StoreU(float* p, Vec v) { vst1q_f32(p, v); }
  static void StoreTail(float* p, Tail t, Vec v) {
    if (t == kLanes) return vst1q_f32(p, v);
    float staged[kLanes];
    vst1q_f32(staged, v);
    std::memcpy(p, staged, static_cast<size_t>(t) * sizeof(float));
  }
  static Vec Fma(Vec x, Vec w, Vec acc) { return vfmaq_f32(acc, x, w); }
  static Vec Add(Vec a, Vec b) { return vaddq_f32(a, b); }
  static Vec Max(Vec a, Vec b) { return vmaxq_f32(a, b); }
  static Vec Min(Vec a, Vec b) { return vminq_f32(a, b); }
};

}  // namespace
}  // namespace posenet::fconv
