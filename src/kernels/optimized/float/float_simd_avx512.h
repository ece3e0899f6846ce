// The AVX-512 level of the float kernels' shared code (float_gemm_driver.h, float_im2col_rows.h):
// 16 floats per zmm, tails as lane masks. Include only from *_avx512.cc (the unnamed namespace
// gives each including file its own copy, compiled with its flags).
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace posenet::fconv {
namespace {

struct FloatAvx512 {
  using Vec = __m512;
  using Tail = __mmask16;  // live lanes of a row's last vector
  static constexpr int kLanes = 16;
  static constexpr int kRows = 12;  // GEMM micro-tile rows (24 accumulators at 2 vectors)

  static Tail TailMask(int lanes) { return static_cast<Tail>((1u << lanes) - 1u); }
  static Vec Zero() { return _mm512_setzero_ps(); }
  static Vec Splat(float x) { return _mm512_set1_ps(x); }
  static Vec Load(const float* p) { return _mm512_load_ps(p); }  // 64-byte aligned
  static Vec LoadU(const float* p) { return _mm512_loadu_ps(p); }
  static Vec LoadTail(const float* p, Tail t) { return _mm512_maskz_loadu_ps(t, p); }
  static void StoreU(float* p, Vec v) { _mm512_storeu_ps(p, v); }
  static void StoreTail(float* p, Tail t, Vec v) { _mm512_mask_storeu_ps(p, t, v); }
  static Vec Fma(Vec x, Vec w, Vec acc) { return _mm512_fmadd_ps(x, w, acc); }
  static Vec Add(Vec a, Vec b) { return _mm512_add_ps(a, b); }
  // Clamp halves through the zero-masked forms: GCC 12's plain _mm512_max_ps/_mm512_min_ps
  // start from _mm512_undefined_ps(), which -Wuninitialized reports inside the header.
  static Vec Max(Vec a, Vec b) { return _mm512_maskz_max_ps(0xFFFF, a, b); }
  static Vec Min(Vec a, Vec b) { return _mm512_maskz_min_ps(0xFFFF, a, b); }
};

}  // namespace
}  // namespace posenet::fconv
