// Quantized CONV_2D as a GEMM on WebAssembly SIMD128: the AVX2 scheme (dense_conv_avx2.cc) on
// 4 channels per vector. Panel rows hold x - zx as int16, packed weights w - zw as int16 (both
// within +-255), and i32x4.dot_i16x8_s sums two exact products per int32 lane; only the bias is
// left to add before the requantization.
#include <wasm_simd128.h>

#include <cstring>

#include "kernels/optimized/quantized/dense_gather.h"
#include "kernels/optimized/quantized/dense_plan.h"
#include "kernels/optimized/quantized/dense_tiles.h"
#include "kernels/optimized/quantized/requant_wasm.h"

namespace posenet {
namespace {

// 4 rows x 2 vectors: V8 allocates 15 of x64's 16 vector registers, and this tile's 8
// accumulators, 2 weight vectors, a row's splat and a product stay in them. Measured in the tool
// under Node on the 1x1 convolutions with K >= 96: 4 x 3 (12 accumulators) spills and is ~20%
// slower, 3 x 3 and 5 x 2 more so.
constexpr int kTileRows = 4;
constexpr int kVectors = 2;  // 4 channels each: DenseConvPlan::panel_width is 8
constexpr int kWidth = 4 * kVectors;

constexpr int64_t RoundUp64(int64_t n) { return (n + 63) / 64 * 64; }

// dst[i] = src[i] - zero_point as int16, src read as int8 or uint8.
inline void WidenRun(int16_t* dst, const uint8_t* src, int64_t n, bool is_signed, int32_t zx) {
  const v128_t zero_point = wasm_i16x8_splat(static_cast<int16_t>(zx));
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const v128_t bytes = wasm_v128_load64_zero(src + i);
    const v128_t wide =
        is_signed ? wasm_i16x8_extend_low_i8x16(bytes) : wasm_u16x8_extend_low_u8x16(bytes);
    wasm_v128_store(dst + i, wasm_i16x8_sub(wide, zero_point));
  }
  for (; i < n; ++i) {
    const int32_t x = is_signed ? int32_t{static_cast<int8_t>(src[i])} : int32_t{src[i]};
    dst[i] = static_cast<int16_t>(x - zx);
  }
}

inline void ZeroRun(int16_t* dst, int64_t n) { std::memset(dst, 0, n * sizeof(int16_t)); }

// Rows [first, first + n)'s K values x - zx in filter order, k_padded apart; padded taps and
// the K padding are 0.
void GatherChunk(const DenseConvPlan& p, const uint8_t* in, int64_t first, int64_t n,
                 int16_t* dst) {
  GatherRows(
      p, in, first, n, dst, p.k_padded,
      [&](int16_t* d, const uint8_t* src, int64_t count) {
        WidenRun(d, src, count, p.signed_io, p.input_zero);
      },
      [](int16_t* d, int64_t count) { ZeroRun(d, count); });
  if (p.k_padded == p.k) return;
  for (int64_t i = 0; i < n; ++i) ZeroRun(dst + i * p.k_padded + p.k, p.k_padded - p.k);
}

template <wasm::Form kForm, bool kSigned>
void Tile(const int16_t* const* rows, int32_t k2, const int16_t* weights, const DenseConvPlan& p,
          const wasm::UniformShift& shift, int32_t col, int32_t valid_channels, uint8_t* out,
          int64_t out_stride, int32_t valid_rows) {
  v128_t acc[kTileRows][kVectors];
#pragma clang loop unroll(full)
  for (int r = 0; r < kTileRows; ++r) {
#pragma clang loop unroll(full)
    for (int v = 0; v < kVectors; ++v) acc[r][v] = wasm_i32x4_splat(0);
  }
  for (int32_t q = 0; q < k2; ++q) {
    v128_t w[kVectors];
#pragma clang loop unroll(full)
    for (int v = 0; v < kVectors; ++v) w[v] = wasm_v128_load(weights + (q * kVectors + v) * 8);
#pragma clang loop unroll(full)
    for (int r = 0; r < kTileRows; ++r) {
      const v128_t xb = wasm_v128_load32_splat(rows[r] + 2 * q);
#pragma clang loop unroll(full)
      for (int v = 0; v < kVectors; ++v) {
        acc[r][v] = wasm_i32x4_add(acc[r][v], wasm_i32x4_dot_i16x8(xb, w[v]));
      }
    }
  }
  const int32_t* m = p.requant.multiplier + col;
  const int32_t *left = p.requant.left_shift + col, *right = p.requant.right_shift + col;
  auto scale = [&](int r, int v) {
    const v128_t sum = wasm_i32x4_add(acc[r][v], wasm_v128_load(p.column_constant + col + 4 * v));
    return wasm::Scale<kForm>(sum, m + 4 * v, left + 4 * v, right + 4 * v, shift);
  };
  const wasm::OutputRange range(p.output_offset, p.quant_min, p.quant_max);
  for (int r = 0; r < valid_rows; ++r) {
    const v128_t q0 = scale(r, 0), q1 = scale(r, 1);
    const v128_t bytes = wasm::ToBytes<kForm, kSigned>(q0, q1, range);
    uint8_t* dst = out + r * out_stride;
    if (valid_channels == kWidth) {
      wasm_v128_store64_lane(dst, bytes, 0);
    } else {
      alignas(16) uint8_t staged[16];
      wasm_v128_store(staged, bytes);
      std::memcpy(dst, staged, static_cast<size_t>(valid_channels));
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
  const wasm::UniformShift shift =
      wasm::FindUniformShift(p.requant.left_shift, p.requant.right_shift, p.out_c);
  const auto tile = [&] {
    const wasm::Form form = wasm::ChooseForm(p.simple_requant, p.relu_shift, shift);
    if (p.signed_io) {
      return form == wasm::Form::kRelu     ? &Tile<wasm::Form::kRelu, true>
             : form == wasm::Form::kSimple ? &Tile<wasm::Form::kSimple, true>
                                           : &Tile<wasm::Form::kGeneral, true>;
    }
    return form == wasm::Form::kRelu     ? &Tile<wasm::Form::kRelu, false>
           : form == wasm::Form::kSimple ? &Tile<wasm::Form::kSimple, false>
                                         : &Tile<wasm::Form::kGeneral, false>;
  }();
  ForEachTile<kTileRows, int16_t>(
      p, row_begin, row_end, panel_begin, panel_end,
      [&](int64_t c0, int64_t n_rows) {
        GatherChunk(p, in, c0, n_rows, panel);
        return ChunkRows<int16_t>{panel, p.k_padded};
      },
      [&](const int16_t* const* rows, int32_t pi, int32_t col, int32_t valid_channels, int64_t c0,
          int64_t t, int32_t valid) {
        tile(rows, k2, packed + pi * panel_elems, p, shift, col, valid_channels,
             out + (c0 + t) * p.out_c + col, p.out_c, valid);
      });
}

}  // namespace

extern const DenseConvKernel kDenseConvWasm{.byte_dot = false,
                                            .lanes = 4,
                                            .max_vectors = kVectors,
                                            .tile_rows = &TileRows,
                                            .scratch_bytes = &ScratchBytes,
                                            .run = &Run};

}  // namespace posenet
