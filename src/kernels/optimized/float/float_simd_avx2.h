// The AVX2+FMA level of the float kernels' shared code (float_gemm_driver.h,
// float_im2col_rows.h): 8 floats per ymm, tails as lane masks for vmaskmov. Include only from
// *_avx2.cc (the unnamed namespace gives each including file its own copy).
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace posenet::fconv {
namespace {

struct FloatAvx2 {
  using Vec = __m256;
  using Tail = __m256i;  // live lanes of a row's last vector: -1, else 0
  static constexpr int kLanes = 8;
  static constexpr int kRows = 6;  // GEMM micro-tile rows (12 accumulators at 2 vectors)

  static Tail TailMask(int lanes) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(lanes), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  static Vec Zero() { return _mm256_setzero_ps(); }
  static Vec Splat(float x) { return _mm256_set1_ps(x); }
  static Vec Load(const float* p) { return _mm256_load_ps(p); }  // 32-byte aligned
  static Vec LoadU(const float* p) { return _mm256_loadu_ps(p); }
  static Vec LoadTail(const float* p, Tail t) { return _mm256_maskload_ps(p, t); }
  static void StoreU(float* p, Vec v) { _mm256_storeu_ps(p, v); }
  static void StoreTail(float* p, Tail t, Vec v) { _mm256_maskstore_ps(p, t, v); }
  static Vec Fma(Vec x, Vec w, Vec acc) { return _mm256_fmadd_ps(x, w, acc); }
  static Vec Add(Vec a, Vec b) { return _mm256_add_ps(a, b); }
  static Vec Max(Vec a, Vec b) { return _mm256_max_ps(a, b); }
  static Vec Min(Vec a, Vec b) { return _mm256_min_ps(a, b); }
};

}  // namespace
}  // namespace posenet::fconv
