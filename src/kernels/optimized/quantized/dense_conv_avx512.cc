// Quantized CONV_2D as a GEMM on AVX-512 VNNI: vpdpbusd multiplies 4 unsigned input bytes of
// one pixel (broadcast) by 4 signed packed weight bytes of 16 output channels. A tile of MR
// pixels x NV*16 channels lives in registers for the whole K loop; the per-pixel term
// pixel_scale * sum(x) and the per-channel constant are added before requantization (see
// dense_plan.h and docs/kernels-quantized.md for the algebra).
#include <algorithm>
#include <cstring>

#include "kernels/optimized/quantized/dense_plan.h"
#include "kernels/optimized/quantized/requant_avx512.h"
#include "kernels/optimized/quantized/requant_relu_avx512.h"

namespace posenet {
namespace {

constexpr int64_t RoundUp64(int64_t n) { return (n + 63) / 64 * 64; }

int32_t TileRows(int32_t vectors) {
  switch (vectors) {
    case 1:
      return 12;
    case 4:
      return 6;
    default:
      return 8;
  }
}

inline __mmask64 ByteMask(int64_t n) { return n >= 64 ? ~__mmask64{0} : (__mmask64{1} << n) - 1; }

// dst[0, n) = src[0, n) ^ flip, with masked accesses that never touch bytes outside; adds
// the copied bytes to the 64-bit lanes of *sum.
inline void CopyBytes(uint8_t* dst, const uint8_t* src, int64_t n, __m512i flip, __m512i* sum) {
  for (int64_t i = 0; i < n; i += 64) {
    const __mmask64 m = ByteMask(n - i);
    const __m512i v = _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, src + i), flip);
    _mm512_mask_storeu_epi8(dst + i, m, v);
    *sum = _mm512_add_epi64(*sum,
                            _mm512_sad_epu8(_mm512_maskz_mov_epi8(m, v), _mm512_setzero_si512()));
  }
}

inline void FillBytes(uint8_t* dst, int64_t n, __m512i value) {
  for (int64_t i = 0; i < n; i += 64) _mm512_mask_storeu_epi8(dst + i, ByteMask(n - i), value);
}

struct GatherConstants {
  __m512i flip, zero_point;
  __m128i flip16, tap_mask16;  // tap_mask16: the first KW*C bytes
  int64_t input_bytes;         // plain 16-byte loads stay below this offset
  bool short_taps;             // KW*C <= 16: one 16-byte load and store per filter row
};

// The K input bytes of output pixel (b, oy, ox) in filter order; padded taps read the input
// zero point, bytes K..k_padded are 0 (their packed weights are 0 too). Returns their sum.
// Short rows are moved with plain 16-byte accesses whose extra bytes land where the next
// filter row (or the next pixel, gathered later; the panel has 16 bytes of slack) goes.
int32_t GatherPixel(const DenseConvPlan& p, const GatherConstants& g, const uint8_t* in, int64_t b,
                    int32_t oy, int32_t ox, uint8_t* dst) {
  const int32_t iy0 = oy * p.stride_h - p.pad_top, ix0 = ox * p.stride_w - p.pad_left;
  const int64_t tap_row = int64_t{p.kw} * p.in_c;
  const bool x_inside =
      p.dilation_w == 1 && ix0 >= 0 && ix0 + p.kw <= p.in_w;  // one contiguous run per fy
  __m512i sum = _mm512_setzero_si512();
  __m128i sum16 = _mm_setzero_si128();
  int64_t filled = 0;  // bytes holding the zero point
  for (int32_t fy = 0; fy < p.kh; ++fy) {
    uint8_t* d = dst + fy * tap_row;
    const int32_t iy = iy0 + fy * p.dilation_h;
    if (iy < 0 || iy >= p.in_h) {
      FillBytes(d, tap_row, g.zero_point);
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
        CopyBytes(d, src, tap_row, g.flip, &sum);
      }
      continue;
    }
    for (int32_t fx = 0; fx < p.kw; ++fx) {
      const int32_t ix = ix0 + fx * p.dilation_w;
      if (ix < 0 || ix >= p.in_w) {
        FillBytes(d + fx * p.in_c, p.in_c, g.zero_point);
        filled += p.in_c;
      } else {
        CopyBytes(d + fx * p.in_c, src_row + int64_t{ix} * p.in_c, p.in_c, g.flip, &sum);
      }
    }
  }
  for (int64_t i = p.k; i < p.k_padded; ++i) dst[i] = 0;
  const int64_t total = _mm512_reduce_add_epi64(sum) + _mm_cvtsi128_si64(sum16) +
                        _mm_extract_epi64(sum16, 1) + filled * p.input_zero;
  return static_cast<int32_t>(total);
}

// Panel rows for output pixels [row, row + n) and their byte sums: one division, then the
// coordinates step.
void GatherRows(const DenseConvPlan& p, const uint8_t* in, int64_t row, int64_t n, uint8_t* panel,
                int32_t* sums) {
  GatherConstants g;
  g.flip = _mm512_set1_epi8(p.signed_io ? char(0x80) : 0);
  g.zero_point = _mm512_set1_epi8(static_cast<char>(p.input_zero));
  g.flip16 = _mm_set1_epi8(p.signed_io ? char(0x80) : 0);
  const int64_t tap_row = int64_t{p.kw} * p.in_c;
  g.short_taps = tap_row <= 16;
  g.tap_mask16 = _mm_maskz_set1_epi8(static_cast<__mmask16>(ByteMask(tap_row < 16 ? tap_row : 16)),
                                     char(0xFF));
  g.input_bytes = int64_t{p.batch} * p.in_h * p.in_w * p.in_c;
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
  for (int64_t i = 0; i < n;) {
    if (fast && ox >= ox_first && ox <= ox_last) {
      const int32_t iy0 = oy * p.stride_h - p.pad_top;
      const int64_t offset =
          ((b * p.in_h + iy0) * p.in_w + (ox * p.stride_w - p.pad_left)) * p.in_c;
      // Pixels left in the row's interior and in the chunk, and the last one whose 16-byte
      // loads stay inside the input.
      int64_t count = std::min<int64_t>(n - i, std::min(ox_last, p.out_w - 1) - ox + 1);
      const int64_t room = g.input_bytes - 16 - (p.kh - 1) * y_step - offset;
      count = room < 0 ? 0 : std::min(count, room / x_step + 1);
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
        ox += static_cast<int32_t>(count);
        if (ox == p.out_w) {
          ox = 0;
          if (++oy == p.out_h) oy = 0, ++b;
        }
        continue;
      }
    }
    uint8_t* dst = panel + i * p.k_padded;
    const int32_t iy0 = oy * p.stride_h - p.pad_top, ix0 = ox * p.stride_w - p.pad_left;
    const int64_t offset = ((b * p.in_h + iy0) * p.in_w + ix0) * p.in_c;  // < 0 when padded
    if (fast && iy0 >= 0 && iy0 + y_span < p.in_h && ix0 >= 0 && ix0 + x_span < p.in_w &&
        offset + (p.kh - 1) * y_step + 16 <= g.input_bytes) {
      const uint8_t* src = in + offset;
      __m128i sum = zero16;
      for (int32_t fy = 0; fy < p.kh; ++fy) {
        const __m128i v = _mm_xor_si128(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + fy * y_step)), g.flip16);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + fy * tap_row), v);
        sum = _mm_add_epi64(sum, _mm_sad_epu8(_mm_and_si128(v, g.tap_mask16), zero16));
      }
      for (int64_t j = p.k; j < p.k_padded; ++j) dst[j] = 0;
      sums[i] = static_cast<int32_t>(_mm_cvtsi128_si64(sum) + _mm_extract_epi64(sum, 1));
    } else {
      sums[i] = GatherPixel(p, g, in, b, oy, ox, dst);
    }
    if (++ox == p.out_w) {
      ox = 0;
      if (++oy == p.out_h) oy = 0, ++b;
    }
    ++i;
  }
}

inline int32_t RowSum(const uint8_t* row, int64_t k) {
  const __m512i zero = _mm512_setzero_si512();
  __m512i sum = zero;
  for (int64_t i = 0; i < k; i += 64) {
    sum = _mm512_add_epi64(
        sum, _mm512_sad_epu8(_mm512_maskz_loadu_epi8(ByteMask(k - i), row + i), zero));
  }
  return static_cast<int32_t>(_mm512_reduce_add_epi64(sum));
}

struct PanelConstants {
  const int32_t* column_constant;
  const int32_t* multiplier;
  const int32_t* left_shift;
  const int32_t* right_shift;
};

// requant_avx512.h's rule for the common case the plan checked (simple_requant): right
// shifts 1..31 only, multipliers never INT32_MIN (no saturation), and |x| + 2^30 within int32.
// The doubling high product keeps bits 31..62 of a*m + 2^30: the even lanes by a right shift,
// the odd lanes by a left shift of one (bits 31..62 land in the high half). Rounding half away
// from zero is then (x + 2^(e-1) - [x < 0]) >> e, which cannot overflow under the bound.
inline __m512i RequantizeSimple(__m512i acc, __m512i multiplier, __m512i multiplier_odd,
                                __m512i half, __m512i exponent) {
  const __m512i nudge = _mm512_set1_epi64(int64_t{1} << 30);
  const __m512i even = _mm512_add_epi64(_mm512_mul_epi32(acc, multiplier), nudge);
  const __m512i odd =
      _mm512_add_epi64(_mm512_mul_epi32(_mm512_srli_epi64(acc, 32), multiplier_odd), nudge);
  const __m512i x =
      _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(even, 31), _mm512_slli_epi64(odd, 1));
  return _mm512_srav_epi32(_mm512_add_epi32(_mm512_add_epi32(x, half), _mm512_srai_epi32(x, 31)),
                           exponent);
}

// The NV requantized vectors of one row (before the output offset) to 16*NV output bytes in
// channel order. packs (int32 -> int16) then packus/packs (-> 8 bit) leave, in each 128-bit
// lane i, the dwords of vectors 0..3 at 4i + j; the packing (dense_pack.cc) put channel
// 4*NV*i + 4j + t in vector j, lane 4i + t, so one dword permutation restores channel order.
// Saturating at each step then clamping gives clamp(q + offset) exactly: a value saturated
// at int16 lies beyond the 8-bit range on the same side.
template <int NV>
inline __m512i NarrowRow(const __m512i* q, __m512i offset16, __m512i qmin8, __m512i qmax8,
                         __m512i order, bool is_signed) {
  const __m512i q1 = NV > 1 ? q[NV > 1 ? 1 : 0] : q[0];
  const __m512i q2 = NV > 2 ? q[NV > 2 ? 2 : 0] : q[0];
  const __m512i q3 = NV > 3 ? q[NV > 3 ? 3 : 0] : (NV == 3 ? q2 : q[0]);
  const __m512i low = _mm512_adds_epi16(_mm512_packs_epi32(q[0], q1), offset16);
  const __m512i high = NV > 2 ? _mm512_adds_epi16(_mm512_packs_epi32(q2, q3), offset16) : low;
  __m512i bytes;
  if (is_signed) {
    bytes = _mm512_packs_epi16(low, high);
    bytes = _mm512_min_epi8(_mm512_max_epi8(bytes, qmin8), qmax8);
  } else {
    bytes = _mm512_packus_epi16(low, high);
    bytes = _mm512_min_epu8(_mm512_max_epu8(bytes, qmin8), qmax8);
  }
  return _mm512_permutexvar_epi32(order, bytes);
}

// Requantization forms: the general one, RequantizeSimple, requant_relu_avx512.h's.
enum RequantMode { kGeneral, kSimple, kRelu };

// MR rows x NV*16 channels. rows[r]: K4*4 readable bytes; rows past `valid_rows` repeat a
// valid row and are not stored.
template <int MR, int NV, RequantMode kMode, bool kRowTerm>
void Tile(const uint8_t* const* rows, int32_t k4, const int8_t* weights, const int32_t* row_term,
          const PanelConstants& c, const DenseConvPlan& p, int32_t valid_channels, uint8_t* out,
          int64_t out_stride, int32_t valid_rows) {
  __m512i acc[MR][NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    const __m512i column = _mm512_loadu_si512(c.column_constant + 16 * v);
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) acc[r][v] = column;
  }
  for (int32_t q = 0; q < k4; ++q) {
    __m512i w[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) w[v] = _mm512_load_si512(weights + (q * NV + v) * 64);
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) {
      int32_t x;
      std::memcpy(&x, rows[r] + 4 * q, 4);
      const __m512i xb = _mm512_set1_epi32(x);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[r][v] = _mm512_dpbusd_epi32(acc[r][v], xb, w[v]);
    }
  }
  __m512i multiplier[NV], multiplier_odd[NV], left_shift[NV], right_shift[NV], half[NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    multiplier[v] = _mm512_loadu_si512(c.multiplier + 16 * v);
    left_shift[v] = _mm512_loadu_si512(c.left_shift + 16 * v);
    right_shift[v] = _mm512_loadu_si512(c.right_shift + 16 * v);
    // (maskz forms: GCC 12 reports the plain forms' undefined source as uninitialized here)
    multiplier_odd[v] = _mm512_maskz_srli_epi64(0xFF, multiplier[v], 32);
    half[v] = _mm512_maskz_sllv_epi32(0xFFFF, _mm512_set1_epi32(1),
                                      _mm512_sub_epi32(right_shift[v], _mm512_set1_epi32(1)));
  }
  const avx512::ReluRequant relu = avx512::MakeReluRequant(kMode == kRelu ? p.relu_shift : 1);
  const __m512i offset16 = _mm512_set1_epi16(static_cast<int16_t>(p.output_offset));
  const __m512i qmin8 = _mm512_set1_epi8(static_cast<char>(p.quant_min));
  const __m512i qmax8 = _mm512_set1_epi8(static_cast<char>(p.quant_max));
  // Output dword d (lane group d / NV, vector d % NV) comes from dword 4 * (d / NV) + d % NV.
  alignas(64) int32_t order_table[16];
  for (int d = 0; d < 16; ++d) order_table[d] = d < 4 * NV ? 4 * (d / NV) + d % NV : 0;
  const __m512i order = _mm512_load_si512(order_table);
  const __mmask64 store_mask = ByteMask(valid_channels < 16 * NV ? valid_channels : 16 * NV);
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r) {
    if (r >= valid_rows) break;
    __m512i q[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      const __m512i a =
          kRowTerm ? _mm512_add_epi32(acc[r][v], _mm512_set1_epi32(row_term[r])) : acc[r][v];
      if constexpr (kMode == kRelu) {
        q[v] = avx512::RequantizeRelu(a, multiplier[v], multiplier_odd[v], relu);
      } else if constexpr (kMode == kSimple) {
        q[v] = RequantizeSimple(a, multiplier[v], multiplier_odd[v], half[v], right_shift[v]);
      } else {
        q[v] = avx512::MultiplyByQuantizedMultiplier(
            a, avx512::RequantVectors{multiplier[v], left_shift[v], right_shift[v]});
      }
    }
    const __m512i bytes = NarrowRow<NV>(q, offset16, qmin8, qmax8, order, p.signed_io);
    _mm512_mask_storeu_epi8(out + r * out_stride, store_mask, bytes);
  }
}

template <int MR, int NV>
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
  const RequantMode mode = p.relu_shift > 0 ? kRelu : p.simple_requant ? kSimple : kGeneral;
  const auto tile = p.pixel_scale == 0 ? (mode == kRelu     ? &Tile<MR, NV, kRelu, false>
                                          : mode == kSimple ? &Tile<MR, NV, kSimple, false>
                                                            : &Tile<MR, NV, kGeneral, false>)
                                       : (mode == kRelu     ? &Tile<MR, NV, kRelu, true>
                                          : mode == kSimple ? &Tile<MR, NV, kSimple, true>
                                                            : &Tile<MR, NV, kGeneral, true>);
  for (int64_t c0 = row_begin; c0 < row_end; c0 += chunk) {
    const int64_t n_rows = row_end - c0 < chunk ? row_end - c0 : chunk;
    const uint8_t* a_base = p.direct ? in + c0 * p.k : panel;
    const int64_t a_stride = p.direct ? p.k : p.k_padded;
    if (p.direct) {
      for (int64_t i = 0; p.pixel_scale != 0 && i < n_rows; ++i) {
        row_term[i] = RowSum(a_base + i * a_stride, p.k);
      }
    } else {
      GatherRows(p, in, c0, n_rows, panel, row_term);
    }
    for (int64_t i = 0; p.pixel_scale != 0 && i < n_rows; ++i) row_term[i] *= p.pixel_scale;
    for (int32_t pi = panel_begin; pi < panel_end; ++pi) {
      const int32_t col = pi * p.panel_width;
      const int32_t valid_channels = p.out_c - col < p.panel_width ? p.out_c - col : p.panel_width;
      const PanelConstants constants{p.column_constant + col, p.multiplier + col,
                                     p.left_shift + col, p.right_shift + col};
      for (int64_t t = 0; t < n_rows; t += MR) {
        const int32_t valid = static_cast<int32_t>(n_rows - t < MR ? n_rows - t : MR);
        const uint8_t* rows[MR];
        for (int r = 0; r < MR; ++r)
          rows[r] = a_base + (t + (r < valid ? r : valid - 1)) * a_stride;
        tile(rows, k4, packed + pi * panel_bytes, row_term + t, constants, p, valid_channels,
             out + (c0 + t) * p.out_c + col, p.out_c, valid);
      }
    }
  }
}

}  // namespace

int32_t DenseConvTileRowsAvx512(const DenseConvPlan& plan) {
  return TileRows(plan.panel_width / 16);
}

int64_t DenseConvScratchAvx512(const DenseConvPlan& plan) {
  const int64_t chunk = plan.rows_per_chunk;
  return (plan.direct ? 0 : RoundUp64(chunk * plan.k_padded + 64)) + RoundUp64(chunk * 4);
}

void DenseConvAvx512(const DenseConvPlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                     int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end) {
  switch (plan.panel_width / 16) {
    case 1:
      return RunPanels<12, 1>(plan, in, out, scratch, row_begin, row_end, panel_begin, panel_end);
    case 2:
      return RunPanels<8, 2>(plan, in, out, scratch, row_begin, row_end, panel_begin, panel_end);
    case 3:
      return RunPanels<8, 3>(plan, in, out, scratch, row_begin, row_end, panel_begin, panel_end);
    default:
      return RunPanels<6, 4>(plan, in, out, scratch, row_begin, row_end, panel_begin, panel_end);
  }
}

}  // namespace posenet
