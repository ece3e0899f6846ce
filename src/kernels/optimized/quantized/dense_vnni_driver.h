// Quantized CONV_2D as a GEMM with vpdpbusd, written once and instantiated per level `L` with a
// byte dot product (quantized_simd_avx512.h, Vnni256Level in quantized_simd_avx2.h). Include
// only from the level files: the unnamed namespace gives each its own copy, compiled with its
// flags.
//
// vpdpbusd multiplies 4 unsigned input bytes of one pixel (broadcast) by 4 signed packed weight
// bytes of L::kLanes output channels. A tile of MR pixels x NV vectors of channels lives in
// registers for the whole K loop; the per-pixel term pixel_scale * sum(x) and the per-channel
// constant are added before requantization (see dense_plan.h and docs/kernels-quantized.md for
// the algebra).
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <cstring>

#include "kernels/optimized/quantized/dense_plan.h"
#include "kernels/optimized/quantized/dense_tiles.h"
#include "kernels/optimized/quantized/requant_forms.h"

namespace posenet {
namespace {
namespace qdense {

constexpr int64_t RoundUp64(int64_t n) { return (n + 63) / 64 * 64; }

template <class L>
struct GatherConstants {
  typename L::Vec flip, zero_point;
  __m128i flip16, tap_mask16;  // tap_mask16: the first KW*C bytes
  int64_t input_bytes;         // plain 16-byte loads stay below this offset
  bool short_taps;             // KW*C <= 16: one 16-byte load and store per filter row
};

// The K input bytes of output pixel (b, oy, ox) in filter order; padded taps read the input
// zero point, bytes K..k_padded are 0 (their packed weights are 0 too). Returns their sum.
// Short rows are moved with plain 16-byte accesses whose extra bytes land where the next
// filter row (or the next pixel, gathered later; the panel has 16 bytes of slack) goes.
template <class L>
int32_t GatherPixel(const DenseConvPlan& p, const GatherConstants<L>& g, const uint8_t* in,
                    int64_t b, int32_t oy, int32_t ox, uint8_t* dst) {
  const int32_t iy0 = oy * p.stride_h - p.pad_top, ix0 = ox * p.stride_w - p.pad_left;
  const int64_t tap_row = int64_t{p.kw} * p.in_c;
  const bool x_inside =
      p.dilation_w == 1 && ix0 >= 0 && ix0 + p.kw <= p.in_w;  // one contiguous run per fy
  typename L::Vec sum = L::Zero();
  __m128i sum16 = _mm_setzero_si128();
  int64_t filled = 0;  // bytes holding the zero point
  for (int32_t fy = 0; fy < p.kh; ++fy) {
    uint8_t* d = dst + fy * tap_row;
    const int32_t iy = iy0 + fy * p.dilation_h;
    if (iy < 0 || iy >= p.in_h) {
      L::FillBytes(d, tap_row, g.zero_point);
      filled += tap_row;
      continue;
    }
    const int64_t row_offset = ((b * p.in_h + iy) * p.in_w) * p.in_c;
    const uint8_t* src_row = in + row_offset;
    if (x_inside) {
      const uint8_t* src = src_row + int64_t{ix0} * p.in_c;
      if (g.short_taps && row_offset + int64_t{ix0} * p.in_c + 16 <= g.input_bytes) {
        const __m128i v =
            _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src)), g.flip16);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(d), v);
        sum16 =
            _mm_add_epi64(sum16, _mm_sad_epu8(_mm_and_si128(v, g.tap_mask16), _mm_setzero_si128()));
      } else {
        L::CopyBytes(d, src, tap_row, g.flip, &sum);
      }
      continue;
    }
    for (int32_t fx = 0; fx < p.kw; ++fx) {
      const int32_t ix = ix0 + fx * p.dilation_w;
      if (ix < 0 || ix >= p.in_w) {
        L::FillBytes(d + fx * p.in_c, p.in_c, g.zero_point);
        filled += p.in_c;
      } else {
        L::CopyBytes(d + fx * p.in_c, src_row + int64_t{ix} * p.in_c, p.in_c, g.flip, &sum);
      }
    }
  }
  for (int64_t i = p.k; i < p.k_padded; ++i) dst[i] = 0;
  const int64_t total = L::ReduceAdd64(sum) + _mm_cvtsi128_si64(sum16) +
                        _mm_extract_epi64(sum16, 1) + filled * p.input_zero;
  return static_cast<int32_t>(total);
}

// Panel rows for output pixels [row, row + n) and their byte sums: one division, then the
// coordinates step.
template <class L>
void GatherRows(const DenseConvPlan& p, const uint8_t* in, int64_t row, int64_t n, uint8_t* panel,
                int32_t* sums) {
  const auto flip = static_cast<int8_t>(p.signed_io ? 0x80 : 0);
  const int64_t tap_row = int64_t{p.kw} * p.in_c;
  const GatherConstants<L> g{
      .flip = L::Set1Epi8(flip),
      .zero_point = L::Set1Epi8(static_cast<int8_t>(p.input_zero)),
      .flip16 = _mm_set1_epi8(flip),
      .tap_mask16 =
          _mm_cmpgt_epi8(_mm_set1_epi8(static_cast<int8_t>(tap_row < 16 ? tap_row : 16)),
                         _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)),
      .input_bytes = int64_t{p.batch} * p.in_h * p.in_w * p.in_c,
      .short_taps = tap_row <= 16};
  int32_t ox = static_cast<int32_t>(row % p.out_w);
  const int64_t rest = row / p.out_w;
  int32_t oy = static_cast<int32_t>(rest % p.out_h);
  int64_t b = rest / p.out_h;
  // Pixels whose window lies inside the input, with short filter rows (the first layer: 3x3
  // taps of 3 channels): one 16-byte move per filter row, no bounds checks.
  const bool fast = g.short_taps && p.dilation_w == 1;
  const int64_t y_step = int64_t{p.dilation_h} * p.in_w * p.in_c;
  const int32_t y_span = (p.kh - 1) * p.dilation_h, x_span = p.kw - 1;
  const __m128i zero16 = _mm_setzero_si128();
  // The bytes past K may hold anything (their packed weights are 0, and the sums mask them
  // out): the interior pixels of an output row are KH 16-byte moves each, plus their sums when
  // the per-pixel term needs them. Output columns [ox_first, ox_last] have windows inside the
  // width.
  const bool need_sums = p.pixel_scale != 0;
  const int64_t x_step = int64_t{p.stride_w} * p.in_c;
  const int32_t ox_first = (p.pad_left + p.stride_w - 1) / p.stride_w;
  const int32_t x_room = p.in_w - 1 - x_span + p.pad_left;
  const int32_t ox_last = x_room < 0 ? -1 : x_room / p.stride_w;
  auto next_pixel = [&](int64_t count) {
    ox += static_cast<int32_t>(count);
    if (ox == p.out_w) {
      ox = 0;
      if (++oy == p.out_h) oy = 0, ++b;
    }
  };
  for (int64_t i = 0; i < n;) {
    if (fast && ox >= ox_first && ox <= ox_last) {
      const int32_t iy0 = oy * p.stride_h - p.pad_top;
      const int64_t offset =
          ((b * p.in_h + iy0) * p.in_w + (ox * p.stride_w - p.pad_left)) * p.in_c;
      // Pixels left in the row's interior and in the chunk, and the last one whose 16-byte
      // loads stay inside the input.
      const int32_t interior_end = ox_last < p.out_w - 1 ? ox_last : p.out_w - 1;
      int64_t count = interior_end - ox + 1 < n - i ? interior_end - ox + 1 : n - i;
      const int64_t room = g.input_bytes - 16 - (p.kh - 1) * y_step - offset;
      count = room < 0 ? 0 : (room / x_step + 1 < count ? room / x_step + 1 : count);
      if (iy0 >= 0 && iy0 + y_span < p.in_h && count > 0) {
        const uint8_t* src = in + offset;
        uint8_t* dst = panel + i * p.k_padded;
        for (int64_t j = 0; j < count; ++j, src += x_step, dst += p.k_padded) {
          __m128i sum = zero16;
          for (int32_t fy = 0; fy < p.kh; ++fy) {
            const __m128i v = _mm_xor_si128(
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + fy * y_step)), g.flip16);
            _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + fy * tap_row), v);
            if (need_sums)
              sum = _mm_add_epi64(sum, _mm_sad_epu8(_mm_and_si128(v, g.tap_mask16), zero16));
          }
          if (need_sums) {
            sums[i + j] = static_cast<int32_t>(_mm_cvtsi128_si64(sum) + _mm_extract_epi64(sum, 1));
          }
        }
        i += count;
        next_pixel(count);
        continue;
      }
    }
    sums[i] = GatherPixel<L>(p, g, in, b, oy, ox, panel + i * p.k_padded);
    next_pixel(1);
    ++i;
  }
}

// The NV requantized vectors of one row (before the output offset) to L::kLanes * NV output
// bytes in channel order. L::Narrow leaves, in each 128-bit lane i, the dwords of vectors 0..3
// at 4i + j; the packing (dense_pack.cc) put channel 4*NV*i + 4j + t in vector j, lane 4i + t, so
// one dword permutation restores channel order.
template <class L, int NV>
inline typename L::Vec NarrowRow(const typename L::Vec* q, typename L::Vec offset16,
                                 typename L::Vec qmin8, typename L::Vec qmax8,
                                 typename L::Vec order, bool is_signed) {
  const typename L::Vec q1 = q[NV > 1 ? 1 : 0];
  const typename L::Vec q2 = q[NV > 2 ? 2 : 0];
  const typename L::Vec q3 = NV > 3 ? q[NV > 3 ? 3 : 0] : (NV == 3 ? q2 : q1);
  return L::PermuteDwords(L::Narrow(q[0], q1, q2, q3, offset16, qmin8, qmax8, is_signed), order);
}

// MR rows x NV vectors of channels from column `col` on. rows[r]: K4*4 readable bytes; rows
// past `valid_rows` repeat a valid row and are not stored.
template <class L, int MR, int NV, RequantMode kMode, bool kRowTerm>
void Tile(const uint8_t* const* rows, int32_t k4, const int8_t* weights, const int32_t* row_term,
          int32_t col, const DenseConvPlan& p, int32_t valid_channels, uint8_t* out,
          int64_t out_stride, int32_t valid_rows) {
  using Vec = typename L::Vec;
  constexpr int kLanes = L::kLanes;
  Vec acc[MR][NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    const Vec column = L::Load(p.column_constant + col + kLanes * v);
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) acc[r][v] = column;
  }
  for (int32_t q = 0; q < k4; ++q) {
    Vec w[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) w[v] = L::LoadAligned(weights + (q * NV + v) * L::kBytes);
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) {
      int32_t x;
      std::memcpy(&x, rows[r] + 4 * q, 4);
      const Vec xb = L::Set1(x);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[r][v] = L::DotBytes(acc[r][v], xb, w[v]);
    }
  }
  LaneRequant<L> requant[NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    requant[v] = LoadLaneRequant<L>(p.requant, col + kLanes * v);
  }
  const typename L::Relu relu = L::MakeRelu(kMode == RequantMode::kRelu ? p.relu_shift : 1);
  const Vec offset16 = L::Set1Epi16(static_cast<int16_t>(p.output_offset));
  const Vec qmin8 = L::Set1Epi8(static_cast<int8_t>(p.quant_min));
  const Vec qmax8 = L::Set1Epi8(static_cast<int8_t>(p.quant_max));
  // Output dword d (lane group d / NV, vector d % NV) comes from dword 4 * (d / NV) + d % NV.
  alignas(64) int32_t order_table[kLanes];
  for (int d = 0; d < kLanes; ++d) order_table[d] = d < kLanes / 4 * NV ? 4 * (d / NV) + d % NV : 0;
  const Vec order = L::LoadAligned(order_table);
  const typename L::ByteTail store =
      L::ByteTailOf(valid_channels < kLanes * NV ? valid_channels : kLanes * NV);
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r) {
    if (r >= valid_rows) break;
    Vec q[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      const Vec a = kRowTerm ? L::Add(acc[r][v], L::Set1(row_term[r])) : acc[r][v];
      q[v] = Requantize<kMode>(a, requant[v], relu);
    }
    L::template StoreBytes<true>(out + r * out_stride,
                                 NarrowRow<L, NV>(q, offset16, qmin8, qmax8, order, p.signed_io),
                                 store);
  }
}

template <class L, int MR, int NV>
void RunPanels(const DenseConvPlan& p, const uint8_t* in, uint8_t* out, uint8_t* scratch,
               int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end) {
  const int64_t chunk = p.rows_per_chunk;
  uint8_t* panel = scratch;
  int32_t* row_term =
      reinterpret_cast<int32_t*>(scratch + (p.direct ? 0 : RoundUp64(chunk * p.k_padded + 64)));
  const int32_t k4 = p.k_padded / 4;
  const int64_t panel_bytes = int64_t{k4} * 4 * p.panel_width;
  const auto* packed = static_cast<const int8_t*>(p.packed);
  // Variants without the per-pixel term (pixel_scale 0) and with the shorter requantizations.
  using Mode = RequantMode;
  const Mode mode = p.relu_shift > 0   ? Mode::kRelu
                    : p.simple_requant ? Mode::kSimple
                                       : Mode::kGeneral;
  const auto tile = p.pixel_scale == 0
                        ? (mode == Mode::kRelu     ? &Tile<L, MR, NV, Mode::kRelu, false>
                           : mode == Mode::kSimple ? &Tile<L, MR, NV, Mode::kSimple, false>
                                                   : &Tile<L, MR, NV, Mode::kGeneral, false>)
                        : (mode == Mode::kRelu     ? &Tile<L, MR, NV, Mode::kRelu, true>
                           : mode == Mode::kSimple ? &Tile<L, MR, NV, Mode::kSimple, true>
                                                   : &Tile<L, MR, NV, Mode::kGeneral, true>);
  auto prepare = [&](int64_t c0, int64_t n_rows) {
    // Rows read in place (1x1) or gathered into the panel, with their byte sums when needed.
    const ChunkRows<uint8_t> a =
        p.direct ? ChunkRows<uint8_t>{in + c0 * p.k, p.k} : ChunkRows<uint8_t>{panel, p.k_padded};
    if (p.direct) {
      for (int64_t i = 0; p.pixel_scale != 0 && i < n_rows; ++i) {
        row_term[i] = static_cast<int32_t>(L::SumBytes(a.base + i * a.stride, p.k));
      }
    } else {
      GatherRows<L>(p, in, c0, n_rows, panel, row_term);
    }
    for (int64_t i = 0; p.pixel_scale != 0 && i < n_rows; ++i) row_term[i] *= p.pixel_scale;
    return a;
  };
  ForEachTile<MR, uint8_t>(p, row_begin, row_end, panel_begin, panel_end, prepare,
                           [&](const uint8_t* const* rows, int32_t pi, int32_t col,
                               int32_t valid_channels, int64_t c0, int64_t t, int32_t valid) {
                             tile(rows, k4, packed + pi * panel_bytes, row_term + t, col, p,
                                  valid_channels, out + (c0 + t) * p.out_c + col, p.out_c, valid);
                           });
}

// Runs RunPanels for the plan's vectors per panel (NV or fewer).
template <class L, int NV>
void RunVectors(const DenseConvPlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end) {
  if constexpr (NV > 1) {
    if (plan.panel_width < NV * L::kLanes) {
      return RunVectors<L, NV - 1>(plan, in, out, scratch, row_begin, row_end, panel_begin,
                                   panel_end);
    }
  }
  RunPanels<L, L::kTileRows[NV], NV>(plan, in, out, scratch, row_begin, row_end, panel_begin,
                                     panel_end);
}

template <class L>
int32_t TileRows(const DenseConvPlan& plan) {
  return L::kTileRows[plan.panel_width / L::kLanes];
}

inline int64_t ScratchBytes(const DenseConvPlan& plan) {
  const int64_t chunk = plan.rows_per_chunk;
  return (plan.direct ? 0 : RoundUp64(chunk * plan.k_padded + 64)) + RoundUp64(chunk * 4);
}

}  // namespace qdense

// The DenseConvKernel of level L: panels of 1 to L::kMaxVectors vectors, tiles of
// L::kTileRows[vectors] rows.
template <class L>
constexpr DenseConvKernel DenseVnniKernel() {
  return DenseConvKernel{.byte_dot = true,
                         .lanes = L::kLanes,
                         .max_vectors = L::kMaxVectors,
                         .tile_rows = &qdense::TileRows<L>,
                         .scratch_bytes = &qdense::ScratchBytes,
                         .run = &qdense::RunVectors<L, L::kMaxVectors>};
}

}  // namespace
}  // namespace posenet
