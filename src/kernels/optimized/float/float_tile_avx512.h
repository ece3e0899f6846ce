// Pieces shared by the AVX-512 float kernels (include only from *_avx512.cc): the clamp and the
// epilogue that adds the bias, clamps and stores one micro-tile of accumulators.
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace posenet::fconv::avx512 {

inline constexpr int kLanes = 16;  // floats per zmm

// Clamp halves through the zero-masked forms: GCC 12's plain _mm512_max_ps/_mm512_min_ps
// start from _mm512_undefined_ps(), which -Wuninitialized reports inside the header.
inline __m512 Max(__m512 a, __m512 b) { return _mm512_maskz_max_ps(0xFFFF, a, b); }
inline __m512 Min(__m512 a, __m512 b) { return _mm512_maskz_min_ps(0xFFFF, a, b); }

// out[r][v * 16 + lane] = clamp(acc[r][v] + bias[v * 16 + lane], lo, hi) for R rows `ldc`
// floats apart; the last vector of each row stores only the lanes in `tail`.
template <int R, int V>
inline void StoreTile(const __m512 (&acc)[R][V], const float* bias, float* out, int64_t ldc,
                      __mmask16 tail, __m512 lo, __m512 hi) {
  __m512 b[V];
#pragma GCC unroll 8
  for (int v = 0; v < V; ++v) b[v] = _mm512_load_ps(bias + v * kLanes);
#pragma GCC unroll 16
  for (int r = 0; r < R; ++r) {
    float* o = out + r * ldc;
#pragma GCC unroll 8
    for (int v = 0; v < V; ++v) {
      const __m512 y = Min(Max(_mm512_add_ps(acc[r][v], b[v]), lo), hi);
      if (v + 1 < V) {
        _mm512_storeu_ps(o + v * kLanes, y);
      } else {
        _mm512_mask_storeu_ps(o + v * kLanes, tail, y);
      }
    }
  }
}

}  // namespace posenet::fconv::avx512
