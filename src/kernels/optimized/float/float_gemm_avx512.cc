// AVX-512 float GEMM for 1x1 convolutions (and im2col panels): micro-tiles of up to 12 rows x
// 32 channels in 24 zmm accumulators; each k step loads two weight vectors and broadcasts one
// input float per row. Rows are walked in blocks whose inputs stay in L2 while every panel of
// the call passes over them, and each panel stays in cache across the tiles of a block.
#include <immintrin.h>

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

}  // namespace

void GemmAvx512(const GemmPanels& w, const GemmCall& call) {
  const int32_t k = w.k;
  // About 1 MiB of input rows per block (half of L2), at least one tile.
  const int64_t block = k > 0 ? (262144 / k) / kRows * kRows : kRows;
  const int64_t block_rows = block < kRows ? kRows : block;
  const __m512 lo = _mm512_set1_ps(call.lo), hi = _mm512_set1_ps(call.hi);
  for (int64_t m0 = 0; m0 < call.rows; m0 += block_rows) {
    const int64_t m1 = m0 + block_rows < call.rows ? m0 + block_rows : call.rows;
    for (int32_t p = call.p_begin; p < call.p_end; ++p) {
      const int32_t c0 = p * w.width;
      const int32_t live = w.n - c0 < w.width ? w.n - c0 : w.width;
      const int vectors = (live + kLanes - 1) / kLanes;
      const int tail_lanes = live - (vectors - 1) * kLanes;
      const __mmask16 tail = static_cast<__mmask16>((1u << tail_lanes) - 1u);
      const float* panel = w.data + int64_t{c0} * k;
      const float* bias = w.bias + c0;
      // Tiles of near-equal height (81 rows: 12,12,12,12,11,11,11 rather than six of 12 and
      // one of 9), since a short tile costs almost as much weight traffic as a full one.
      const int64_t n = m1 - m0, tiles = (n + kRows - 1) / kRows;
      // Each tile also asks for its share of the next panel's weights (into L2), so the panel
      // after this one does not start with a wait on memory (9x9x1024: 4 MiB of weights).
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
