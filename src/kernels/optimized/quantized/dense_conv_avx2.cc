// Quantized CONV_2D as a GEMM on AVX2. vpmaddubsw saturates, so this level widens both sides
// to int16 instead: panel rows hold x - zx, packed weights w - zw (both within +-255), and
// vpmaddwd sums two exact products per int32 lane. Nothing but the bias is left to correct.
#include <cstring>

#include "kernels/optimized/quantized/dense_gather.h"
#include "kernels/optimized/quantized/dense_plan.h"
#include "kernels/optimized/quantized/dense_tiles.h"
#include "kernels/optimized/quantized/quantized_simd_avx2.h"
#include "kernels/optimized/quantized/requant_forms.h"

namespace posenet {
namespace {

constexpr int kTileRows = 6;
constexpr int kVectors = 2;  // 8 channels each

constexpr int64_t RoundUp64(int64_t n) { return (n + 63) / 64 * 64; }

// dst[i] = src[i] - zero_point as int16, src read as int8 or uint8.
inline void WidenRun(int16_t* dst, const uint8_t* src, int64_t n, bool is_signed,
                     __m256i zero_point) {
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    const __m256i wide = is_signed ? _mm256_cvtepi8_epi16(bytes) : _mm256_cvtepu8_epi16(bytes);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), _mm256_sub_epi16(wide, zero_point));
  }
  const int32_t zx = static_cast<int16_t>(_mm256_extract_epi16(zero_point, 0));
  for (; i < n; ++i) {
    const int32_t x = is_signed ? int32_t{static_cast<int8_t>(src[i])} : int32_t{src[i]};
    dst[i] = static_cast<int16_t>(x - zx);
  }
}

inline void ZeroRun(int16_t* dst, int64_t n) { std::memset(dst, 0, n * sizeof(int16_t)); }

// Output pixel `row`'s K values x - zx in filter order; padded taps and the K padding are 0.
void GatherRow(const DenseConvPlan& p, const uint8_t* in, int64_t row, int16_t* dst) {
  const __m256i zero_point = _mm256_set1_epi16(static_cast<int16_t>(p.input_zero));
  GatherWindow(
      p, in, row, dst,
      [&](int16_t* d, const uint8_t* src, int64_t n) {
        WidenRun(d, src, n, p.signed_io, zero_point);
      },
      [](int16_t* d, int64_t n) { ZeroRun(d, n); });
  ZeroRun(dst + p.k, p.k_padded - p.k);
}

// The low byte of each int32 lane, in order, in the low 8 bytes.
inline __m128i NarrowToBytes(__m256i v) {
  const __m256i pick =
      _mm256_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 4, 8, 12, -1,
                       -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  const __m256i packed = _mm256_shuffle_epi8(v, pick);
  return _mm256_castsi256_si128(
      _mm256_permutevar8x32_epi32(packed, _mm256_setr_epi32(0, 4, 1, 1, 1, 1, 1, 1)));
}

void Tile(const int16_t* const* rows, int32_t k2, const int16_t* weights, const DenseConvPlan& p,
          int32_t col, int32_t valid_channels, uint8_t* out, int64_t out_stride,
          int32_t valid_rows) {
  __m256i acc[kTileRows][kVectors];
#pragma GCC unroll 8
  for (int r = 0; r < kTileRows; ++r) {
    acc[r][0] = _mm256_setzero_si256();
    acc[r][1] = _mm256_setzero_si256();
  }
  for (int32_t q = 0; q < k2; ++q) {
    const __m256i w0 = _mm256_load_si256(reinterpret_cast<const __m256i*>(weights + q * 32));
    const __m256i w1 = _mm256_load_si256(reinterpret_cast<const __m256i*>(weights + q * 32 + 16));
#pragma GCC unroll 8
    for (int r = 0; r < kTileRows; ++r) {
      int32_t x;
      std::memcpy(&x, rows[r] + 2 * q, 4);
      const __m256i xb = _mm256_set1_epi32(x);
      acc[r][0] = _mm256_add_epi32(acc[r][0], _mm256_madd_epi16(xb, w0));
      acc[r][1] = _mm256_add_epi32(acc[r][1], _mm256_madd_epi16(xb, w1));
    }
  }
  const __m256i offset = _mm256_set1_epi32(p.output_offset);
  const __m256i lo = _mm256_set1_epi32(p.quant_min), hi = _mm256_set1_epi32(p.quant_max);
#pragma GCC unroll 2
  for (int v = 0; v < kVectors; ++v) {
    const int32_t left = valid_channels - 8 * v;
    if (left <= 0) break;
    const int32_t c = col + 8 * v;
    auto load = [](const int32_t* s) {
      return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s));
    };
    const __m256i column = load(p.column_constant + c);
    const LaneRequant<Avx2Level> rq = LoadLaneRequant<Avx2Level>(p.requant, c);
#pragma GCC unroll 8
    for (int r = 0; r < kTileRows; ++r) {
      if (r >= valid_rows) break;
      const __m256i q = Avx2Level::Clamp(
          MultiplyByQuantizedMultiplier<Avx2Level>(_mm256_add_epi32(acc[r][v], column), rq), offset,
          lo, hi);
      const __m128i bytes = NarrowToBytes(q);
      uint8_t* dst = out + r * out_stride + 8 * v;
      if (left >= 8) {
        _mm_storel_epi64(reinterpret_cast<__m128i*>(dst), bytes);
      } else {
        uint8_t tmp[16];
        _mm_storeu_si128(reinterpret_cast<__m128i*>(tmp), bytes);
        std::memcpy(dst, tmp, static_cast<size_t>(left));
      }
    }
  }
}

int32_t TileRows(const DenseConvPlan&) { return kTileRows; }

int64_t ScratchBytes(const DenseConvPlan& plan) {
  return RoundUp64(int64_t{plan.rows_per_chunk} * plan.k_padded * 2);
}

void Run(const DenseConvPlan& p, const uint8_t* in, uint8_t* out, uint8_t* scratch,
         int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end) {
  auto* panel = reinterpret_cast<int16_t*>(scratch);
  const int32_t k2 = p.k_padded / 2;
  const int64_t panel_elems = int64_t{p.k_padded} * p.panel_width;
  const auto* packed = static_cast<const int16_t*>(p.packed);
  ForEachTile<kTileRows, int16_t>(
      p, row_begin, row_end, panel_begin, panel_end,
      [&](int64_t c0, int64_t n_rows) {
        for (int64_t i = 0; i < n_rows; ++i) GatherRow(p, in, c0 + i, panel + i * p.k_padded);
        return ChunkRows<int16_t>{panel, p.k_padded};
      },
      [&](const int16_t* const* rows, int32_t pi, int32_t col, int32_t valid_channels, int64_t c0,
          int64_t t, int32_t valid) {
        Tile(rows, k2, packed + pi * panel_elems, p, col, valid_channels,
             out + (c0 + t) * p.out_c + col, p.out_c, valid);
      });
}

}  // namespace

extern const DenseConvKernel kDenseConvAvx2{.byte_dot = false,
                                            .lanes = 8,
                                            .max_vectors = kVectors,
                                            .tile_rows = &TileRows,
                                            .scratch_bytes = &ScratchBytes,
                                            .run = &Run};

}  // namespace posenet
