// The float GEMM written once for every SIMD level `Level` (float_simd_avx512.h,
// float_simd_avx2.h, float_simd_wasm.h): the micro-tile, its epilogue and the blocking. Include
// only from the level files (the unnamed namespace gives each level its own copy, compiled with
// its flags).
#pragma once

#include <cstdint>

#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

// out[r][v * kLanes + lane] = clamp(acc[r][v] + bias[v * kLanes + lane], lo, hi) for R rows
// `ldc` floats apart; the last vector of each row stores only the lanes in `tail`.
template <class Level, int R, int V>
inline void StoreTile(const typename Level::Vec (&acc)[R][V], const float* bias, float* out,
                      int64_t ldc, typename Level::Tail tail, typename Level::Vec lo,
                      typename Level::Vec hi) {
  typename Level::Vec b[V];
#pragma GCC unroll 8
  for (int v = 0; v < V; ++v) b[v] = Level::Load(bias + v * Level::kLanes);
#pragma GCC unroll 16
  for (int r = 0; r < R; ++r) {
    float* o = out + r * ldc;
#pragma GCC unroll 8
    for (int v = 0; v < V; ++v) {
      const typename Level::Vec y = Level::Min(Level::Max(Level::Add(acc[r][v], b[v]), lo), hi);
      if (v + 1 < V) {
        Level::StoreU(o + v * Level::kLanes, y);
      } else {
        Level::StoreTail(o + v * Level::kLanes, tail, y);
      }
    }
  }
}

// R rows x V vectors: each k step loads V weight vectors and broadcasts one input float per row.
// A row of `a` is `segs` runs of k floats, `seg_stride` floats apart (see GemmCall).
template <class Level, int R, int V>
void Tile(const float* a, int64_t lda, int32_t segs, int64_t seg_stride, const float* w, int32_t k,
          const float* bias, float* out, int64_t ldc, typename Level::Tail tail,
          typename Level::Vec lo, typename Level::Vec hi) {
  constexpr int kLanes = Level::kLanes;
  typename Level::Vec acc[R][V];
#pragma GCC unroll 16
  for (int r = 0; r < R; ++r) {
#pragma GCC unroll 4
    for (int v = 0; v < V; ++v) acc[r][v] = Level::Zero();
  }
  for (int32_t seg = 0; seg < segs; ++seg, a += seg_stride, w += int64_t{k} * V * kLanes) {
    const float* rows[R];
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r) rows[r] = a + r * lda;
    for (int32_t kk = 0; kk < k; ++kk) {
      typename Level::Vec wv[V];
#pragma GCC unroll 4
      for (int v = 0; v < V; ++v) wv[v] = Level::Load(w + (kk * V + v) * kLanes);
#pragma GCC unroll 16
      for (int r = 0; r < R; ++r) {
        const typename Level::Vec x = Level::Splat(rows[r][kk]);
#pragma GCC unroll 4
        for (int v = 0; v < V; ++v) acc[r][v] = Level::Fma(x, wv[v], acc[r][v]);
      }
    }
  }
  StoreTile<Level, R, V>(acc, bias, out, ldc, tail, lo, hi);
}

template <class Level>
using TileFn = void (*)(const float*, int64_t, int32_t, int64_t, const float*, int32_t,
                        const float*, float*, int64_t, typename Level::Tail, typename Level::Vec,
                        typename Level::Vec);

// The tile of `rows` rows (R or fewer) and V vectors.
template <class Level, int R, int V>
TileFn<Level> PickRows(int rows) {
  if constexpr (R > 1) {
    if (rows < R) return PickRows<Level, R - 1, V>(rows);
  }
  return &Tile<Level, R, V>;
}

template <class Level>
void DriveGemm(const GemmPanels& w, const GemmCall& call) {
  constexpr int kRows = Level::kRows, kLanes = Level::kLanes;
  const int32_t k = w.k;
  // About 1 MiB of input rows per block (half of L2), at least one tile.
  const int64_t block = k > 0 ? (262144 / k) / kRows * kRows : kRows;
  const int64_t block_rows = block < kRows ? kRows : block;
  const auto lo = Level::Splat(call.lo), hi = Level::Splat(call.hi);
  for (int64_t m0 = 0; m0 < call.rows; m0 += block_rows) {
    const int64_t m1 = m0 + block_rows < call.rows ? m0 + block_rows : call.rows;
    for (int32_t p = call.p_begin; p < call.p_end; ++p) {
      const int32_t c0 = p * w.width;
      const int32_t live = w.n - c0 < w.width ? w.n - c0 : w.width;
      const int vectors = (live + kLanes - 1) / kLanes;
      const auto tail = Level::TailMask(live - (vectors - 1) * kLanes);
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
          __builtin_prefetch(next + off, 0, 2);  // read, into L2 (x86: prefetcht1)
        }
        const TileFn<Level> tile =
            vectors == 2 ? PickRows<Level, kRows, 2>(rows) : PickRows<Level, kRows, 1>(rows);
        tile(call.a + m * call.lda, call.lda, call.segments, call.segment_stride, panel,
             k / call.segments, bias, call.out + m * call.ldc + c0, call.ldc, tail, lo, hi);
        m += rows;
      }
    }
  }
}

}  // namespace
}  // namespace posenet::fconv
