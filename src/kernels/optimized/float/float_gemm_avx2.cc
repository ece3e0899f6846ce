// AVX2+FMA float GEMM: the AVX-512 kernel's scheme with ymm registers, micro-tiles of up to
// 6 rows x 16 channels (12 accumulators, two weight vectors and one broadcast).
#include <immintrin.h>

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

}  // namespace

void GemmAvx2(const GemmPanels& w, const GemmCall& call) {
  const int32_t k = w.k;
  const int64_t block = k > 0 ? (262144 / k) / kRows * kRows : kRows;
  const int64_t block_rows = block < kRows ? kRows : block;
  const __m256 lo = _mm256_set1_ps(call.lo), hi = _mm256_set1_ps(call.hi);
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  for (int64_t m0 = 0; m0 < call.rows; m0 += block_rows) {
    const int64_t m1 = m0 + block_rows < call.rows ? m0 + block_rows : call.rows;
    for (int32_t p = call.p_begin; p < call.p_end; ++p) {
      const int32_t c0 = p * w.width;
      const int32_t live = w.n - c0 < w.width ? w.n - c0 : w.width;
      const int vectors = (live + kLanes - 1) / kLanes;
      const int tail_lanes = live - (vectors - 1) * kLanes;
      const __m256i tail = _mm256_cmpgt_epi32(_mm256_set1_epi32(tail_lanes), lane);
      const float* panel = w.data + int64_t{c0} * k;
      const float* bias = w.bias + c0;
      // Tiles of near-equal height (81 rows: 12,12,12,12,11,11,11 rather than six of 12 and
      // one of 9), since a short tile costs almost as much weight traffic as a full one.
      const int64_t n = m1 - m0, tiles = (n + kRows - 1) / kRows;
      // Each tile prefetches its share of the next panel's weights into L2 (see AVX-512).
      const char* next = p + 1 < call.p_end
                             ? reinterpret_cast<const char*>(panel + int64_t{w.width} * k)
                             : nullptr;
      const int64_t next_bytes =
          next != nullptr
              ? int64_t{w.n - c0 - w.width < w.width ? w.n - c0 - w.width : w.width} * 4 * k
              : 0;
      const int64_t share = (next_bytes / 64 + tiles - 1) / tiles * 64;
      int64_t m = m0;
      for (int64_t t = 0; t < tiles; ++t) {
        const int rows = static_cast<int>(n / tiles + (t < n % tiles ? 1 : 0));
        for (int64_t off = t * share; off < (t + 1) * share && off < next_bytes; off += 64) {
          _mm_prefetch(next + off, _MM_HINT_T1);
        }
        const TileFn tile = vectors == 2 ? PickTile<2>(rows) : PickTile<1>(rows);
        tile(call.a + m * call.lda, call.lda, call.segments, call.segment_stride, panel,
             k / call.segments, bias, call.out + m * call.ldc + c0, call.ldc, tail, lo, hi);
        m += rows;
      }
    }
  }
}

}  // namespace posenet::fconv
