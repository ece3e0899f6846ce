// AVX2+FMA float GEMM: the AVX-512 kernel's scheme with ymm registers, micro-tiles of up to
// 6 rows x 16 channels (12 accumulators, two weight vectors and one broadcast).
#include <immintrin.h>

#include "kernels/optimized/float/float_gemm_driver.h"
#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

constexpr int kRows = 6;
constexpr int kLanes = 8;

template <int R, int V>
void Tile(const float* a, int64_t lda, int32_t segs, int64_t seg_stride, const float* w, int32_t k,
          const float* bias, float* out, int64_t ldc, __m256i tail, __m256 lo, __m256 hi) {
  __m256 acc[R][V];
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
#pragma GCC unroll 4
    for (int v = 0; v < V; ++v) acc[r][v] = _mm256_setzero_ps();
  }
  for (int32_t seg = 0; seg < segs; ++seg, a += seg_stride, w += int64_t{k} * V * kLanes) {
    const float* rows[R];
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r) rows[r] = a + r * lda;
    for (int32_t kk = 0; kk < k; ++kk) {
      __m256 wv[V];
#pragma GCC unroll 4
      for (int v = 0; v < V; ++v) wv[v] = _mm256_load_ps(w + (kk * V + v) * kLanes);
#pragma GCC unroll 8
      for (int r = 0; r < R; ++r) {
        const __m256 x = _mm256_broadcast_ss(rows[r] + kk);
#pragma GCC unroll 4
        for (int v = 0; v < V; ++v) acc[r][v] = _mm256_fmadd_ps(x, wv[v], acc[r][v]);
      }
    }
  }
  __m256 b[V];
#pragma GCC unroll 4
  for (int v = 0; v < V; ++v) b[v] = _mm256_load_ps(bias + v * kLanes);
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
    float* o = out + r * ldc;
#pragma GCC unroll 4
    for (int v = 0; v < V; ++v) {
      const __m256 y = _mm256_min_ps(_mm256_max_ps(_mm256_add_ps(acc[r][v], b[v]), lo), hi);
      if (v + 1 < V) {
        _mm256_storeu_ps(o + v * kLanes, y);
      } else {
        _mm256_maskstore_ps(o + v * kLanes, tail, y);
      }
    }
  }
}

using TileFn = void (*)(const float*, int64_t, int32_t, int64_t, const float*, int32_t,
                        const float*, float*, int64_t, __m256i, __m256, __m256);

template <int V>
TileFn PickTile(int rows) {
  switch (rows) {
    case 1:
      return &Tile<1, V>;
    case 2:
      return &Tile<2, V>;
    case 3:
      return &Tile<3, V>;
    case 4:
      return &Tile<4, V>;
    case 5:
      return &Tile<5, V>;
    default:
      return &Tile<6, V>;
  }
}

struct Avx2 {
  static constexpr int kRows = fconv::kRows, kLanes = fconv::kLanes;
  static __m256 Splat(float x) { return _mm256_set1_ps(x); }
  static __m256i TailMask(int lanes) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(lanes), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  static TileFn PickTile(int vectors, int rows) {
    return vectors == 2 ? fconv::PickTile<2>(rows) : fconv::PickTile<1>(rows);
  }
};

}  // namespace

void GemmAvx2(const GemmPanels& w, const GemmCall& call) { DriveGemm<Avx2>(w, call); }

}  // namespace posenet::fconv
