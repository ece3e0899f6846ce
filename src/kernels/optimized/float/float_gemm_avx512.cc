// AVX-512 float GEMM for 1x1 convolutions (and im2col panels): micro-tiles of up to 12 rows x
// 32 channels in 24 zmm accumulators; each k step loads two weight vectors and broadcasts one
// input float per row. Rows are walked in blocks whose inputs stay in L2 while every panel of
// the call passes over them, and each panel stays in cache across the tiles of a block.
#include <immintrin.h>

#include "kernels/optimized/float/float_gemm_driver.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_tile_avx512.h"

namespace posenet::fconv {
namespace {

using avx512::kLanes;
constexpr int kRows = 12;  // micro-tile rows

template <int R, int V>
void Tile(const float* a, int64_t lda, int32_t segs, int64_t seg_stride, const float* w, int32_t k,
          const float* bias, float* out, int64_t ldc, __mmask16 tail, __m512 lo, __m512 hi) {
  __m512 acc[R][V];
#pragma GCC unroll 16
  for (int r = 0; r < R; ++r) {
#pragma GCC unroll 4
    for (int v = 0; v < V; ++v) acc[r][v] = _mm512_setzero_ps();
  }
  for (int32_t seg = 0; seg < segs; ++seg, a += seg_stride, w += int64_t{k} * V * kLanes) {
    const float* rows[R];
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r) rows[r] = a + r * lda;
    for (int32_t kk = 0; kk < k; ++kk) {
      __m512 wv[V];
#pragma GCC unroll 4
      for (int v = 0; v < V; ++v) wv[v] = _mm512_load_ps(w + (kk * V + v) * kLanes);
#pragma GCC unroll 16
      for (int r = 0; r < R; ++r) {
        const __m512 x = _mm512_set1_ps(rows[r][kk]);
#pragma GCC unroll 4
        for (int v = 0; v < V; ++v) acc[r][v] = _mm512_fmadd_ps(x, wv[v], acc[r][v]);
      }
    }
  }
  avx512::StoreTile<R, V>(acc, bias, out, ldc, tail, lo, hi);
}

using TileFn = void (*)(const float*, int64_t, int32_t, int64_t, const float*, int32_t,
                        const float*, float*, int64_t, __mmask16, __m512, __m512);

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
    case 6:
      return &Tile<6, V>;
    case 7:
      return &Tile<7, V>;
    case 8:
      return &Tile<8, V>;
    case 9:
      return &Tile<9, V>;
    case 10:
      return &Tile<10, V>;
    case 11:
      return &Tile<11, V>;
    default:
      return &Tile<12, V>;
  }
}

struct Avx512 {
  static constexpr int kRows = fconv::kRows, kLanes = avx512::kLanes;
  static __m512 Splat(float x) { return _mm512_set1_ps(x); }
  static __mmask16 TailMask(int lanes) { return static_cast<__mmask16>((1u << lanes) - 1u); }
  static TileFn PickTile(int vectors, int rows) {
    return vectors == 2 ? fconv::PickTile<2>(rows) : fconv::PickTile<1>(rows);
  }
};

}  // namespace

void GemmAvx512(const GemmPanels& w, const GemmCall& call) { DriveGemm<Avx512>(w, call); }

}  // namespace posenet::fconv
