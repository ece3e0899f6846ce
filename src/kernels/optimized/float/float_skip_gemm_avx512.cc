// AVX-512 GEMM for 1x1 convolutions that leaves out the k at which every row of a micro-tile
// has an exact zero input (ReLU outputs: zeros cluster by channel over neighbouring pixels).
// fma(0, w, acc) == acc for finite w (and acc not -0, see docs/kernels-float.md), so the sums
// equal GemmAvx512's bit for bit: each row still adds its nonzero products in ascending k, then
// the bias, then clamps.
//
// Tiles of kSkipRows rows x up to kSkipVectors vectors (24 accumulators): per listed k, 6
// broadcasts and 4 weight loads feed 24 FMAs. 6 x 4 measured 1-7 % faster over whole models than
// 4 x 6 (fewer weight loads from L2 per FMA, and 512 or 1024 channels split into whole groups of
// 4 vectors), although a 6-pixel union finds fewer all-zero k than a 4-pixel one.
#include <immintrin.h>

#include "kernels/optimized/float/float_gemm_driver.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_simd_avx512.h"

namespace posenet::fconv {
namespace {

constexpr int kLanes = FloatAvx512::kLanes;
constexpr int kPanelsPerTile = kSkipVectors / 2;
static_assert(kSkipVectors % 2 == 0, "tiles hold whole panels of two vectors");

// The k (ascending) at which any of `rows` rows of `a` is nonzero (NaN counts as nonzero).
// Writes whole vectors: `list` has room for k rounded up to 16. Returns the count.
int32_t ListUnion(const float* a, int64_t lda, int rows, int32_t k, int32_t* list) {
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512 zero = _mm512_setzero_ps();
  int32_t n = 0;
  for (int32_t k0 = 0; k0 < k; k0 += kLanes) {
    const __mmask16 valid =
        k - k0 >= kLanes ? __mmask16{0xFFFF} : static_cast<__mmask16>((1u << (k - k0)) - 1u);
    __mmask16 any = 0;
    for (int r = 0; r < rows; ++r) {
      const __m512 v = _mm512_maskz_loadu_ps(valid, a + r * lda + k0);
      any = static_cast<__mmask16>(any | _mm512_mask_cmp_ps_mask(valid, v, zero, _CMP_NEQ_UQ));
    }
    // Compress in registers: the memory form of vpcompressd is slow on AMD cores.
    _mm512_storeu_si512(
        list + n, _mm512_maskz_compress_epi32(any, _mm512_add_epi32(lane, _mm512_set1_epi32(k0))));
    n += __builtin_popcount(any);
  }
  return n;
}

// R rows x V vectors from panel base `w` (panels `panel_floats` apart, rows of a panel 32
// floats apart; when V is odd the last panel is 16 floats wide).
template <int R, int V>
void SkipTile(const float* a, int64_t lda, const int32_t* list, int32_t n, const float* w,
              int64_t panel_floats, const float* bias, float* out, int64_t ldc, __mmask16 tail,
              __m512 lo, __m512 hi) {
  __m512 acc[R][V];
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
#pragma GCC unroll 8
    for (int v = 0; v < V; ++v) acc[r][v] = _mm512_setzero_ps();
  }
  const float* rows[R];
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) rows[r] = a + r * lda;
  const float* panel[(V + 1) / 2];
#pragma GCC unroll 4
  for (int p = 0; p < (V + 1) / 2; ++p) panel[p] = w + p * panel_floats;
  for (int32_t j = 0; j < n; ++j) {
    const int64_t kk = list[j];
    __m512 wv[V];
#pragma GCC unroll 8
    for (int v = 0; v < V; ++v) {
      const bool half_panel = (V % 2 == 1) && v == V - 1;
      wv[v] = half_panel ? _mm512_load_ps(panel[v / 2] + kk * kLanes)
                         : _mm512_load_ps(panel[v / 2] + kk * 2 * kLanes + (v % 2) * kLanes);
    }
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
      const __m512 x = _mm512_set1_ps(rows[r][kk]);
#pragma GCC unroll 8
      for (int v = 0; v < V; ++v) acc[r][v] = _mm512_fmadd_ps(x, wv[v], acc[r][v]);
    }
  }
  StoreTile<FloatAvx512, R, V>(acc, bias, out, ldc, tail, lo, hi);
}

using SkipTileFn = void (*)(const float*, int64_t, const int32_t*, int32_t, const float*, int64_t,
                            const float*, float*, int64_t, __mmask16, __m512, __m512);

template <int R, int V>
SkipTileFn PickVectors(int vectors) {
  if constexpr (V == 1) {
    return &SkipTile<R, 1>;
  } else {
    return vectors == V ? &SkipTile<R, V> : PickVectors<R, V - 1>(vectors);
  }
}

template <int R>
SkipTileFn PickTile(int rows, int vectors) {
  if constexpr (R == 1) {
    return PickVectors<1, kSkipVectors>(vectors);
  } else {
    return rows == R ? PickVectors<R, kSkipVectors>(vectors) : PickTile<R - 1>(rows, vectors);
  }
}

}  // namespace

int32_t SkipGemmBlockTiles(int32_t k) {
  // Lists of about 128 KiB per block (L2), at least one tile.
  const int32_t kpad = (k + kLanes - 1) / kLanes * kLanes;
  return 32768 / kpad > 1 ? 32768 / kpad : 1;
}

size_t SkipGemmScratchBytes(int32_t k) {
  const size_t kpad = static_cast<size_t>((k + kLanes - 1) / kLanes) * kLanes;
  const size_t tiles = static_cast<size_t>(SkipGemmBlockTiles(k));
  return (tiles * (kpad + 1) * 4 + 63) / 64 * 64;
}

void SkipGemmAvx512(const GemmPanels& w, const GemmCall& call, int32_t max_listed_percent,
                    uint8_t* scratch) {
  const int32_t k = w.k;
  const int64_t kpad = (k + kLanes - 1) / kLanes * kLanes;
  const int64_t block_tiles = SkipGemmBlockTiles(k);
  auto* lists = reinterpret_cast<int32_t*>(scratch);
  int32_t* counts = lists + block_tiles * kpad;
  const __m512 lo = _mm512_set1_ps(call.lo), hi = _mm512_set1_ps(call.hi);
  const int64_t panel_floats = int64_t{w.width} * k;
  for (int64_t m0 = 0; m0 < call.rows; m0 += block_tiles * kSkipRows) {
    const int64_t m1 =
        call.rows - m0 < block_tiles * kSkipRows ? call.rows : m0 + block_tiles * kSkipRows;
    const int64_t tiles = (m1 - m0 + kSkipRows - 1) / kSkipRows;
    int64_t listed = 0;
    for (int64_t t = 0; t < tiles; ++t) {
      const int64_t m = m0 + t * kSkipRows;
      const int rows = static_cast<int>(m1 - m < kSkipRows ? m1 - m : kSkipRows);
      counts[t] = ListUnion(call.a + m * call.lda, call.lda, rows, k, lists + t * kpad);
      listed += counts[t];
    }
    // Few k to leave out: the dense kernel's taller tiles are faster (same sums).
    if (listed * 100 > int64_t{max_listed_percent} * tiles * k) {
      GemmCall dense = call;
      dense.a = call.a + m0 * call.lda, dense.out = call.out + m0 * call.ldc;
      dense.rows = m1 - m0;
      GemmAvx512(w, dense);
      continue;
    }
    // Every panel group passes over all tiles of the block, so its weights stay in cache.
    for (int32_t p0 = call.p_begin; p0 < call.p_end; p0 += kPanelsPerTile) {
      const int32_t p1 = p0 + kPanelsPerTile < call.p_end ? p0 + kPanelsPerTile : call.p_end;
      const int32_t c0 = p0 * w.width;
      const int32_t live = (w.n < p1 * w.width ? w.n : p1 * w.width) - c0;
      const int vectors = (live + kLanes - 1) / kLanes;
      const int tail_lanes = live - (vectors - 1) * kLanes;
      const __mmask16 tail = static_cast<__mmask16>((1u << tail_lanes) - 1u);
      for (int64_t t = 0; t < tiles; ++t) {
        const int64_t m = m0 + t * kSkipRows;
        const int rows = static_cast<int>(m1 - m < kSkipRows ? m1 - m : kSkipRows);
        PickTile<kSkipRows>(rows, vectors)(
            call.a + m * call.lda, call.lda, lists + t * kpad, counts[t], w.data + int64_t{c0} * k,
            panel_floats, w.bias + c0, call.out + m * call.ldc + c0, call.ldc, tail, lo, hi);
      }
    }
  }
}

}  // namespace posenet::fconv
