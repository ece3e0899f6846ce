// AVX-512 depthwise 3x3 (depth multiplier 1): 16 channels per zmm. Each output row is walked
// in groups of four pixels; for each group every block of channels loads its taps (from L1)
// and runs four independent FMA chains, so the input rows stream through the cache once. The
// pixels whose three columns are inside the input run without bounds checks; the few border
// pixels go through a per-tap loop. Taps are summed in the reference's order (row-major).
#include <immintrin.h>

#include "kernels/optimized/float/float_depthwise_rows.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_simd_avx512.h"

namespace posenet::fconv {
namespace {

constexpr int kLanes = FloatAvx512::kLanes;
using L = FloatAvx512;
constexpr int kGroup = 4;  // output pixels per pass over the channel blocks

using ref::TapRange;

__mmask16 ChannelMask(int32_t c, int32_t c0) {
  const int32_t live = c - c0 < kLanes ? c - c0 : kLanes;
  return static_cast<__mmask16>((1u << live) - 1u);
}

// One output pixel, all channels, with any subset of valid taps (borders).
void Pixel(const Depthwise3x3& p, const float* in_b, int32_t iy0, TapRange ty, int32_t ox,
           float* out_px) {
  const int32_t ix0 = ox * p.stride_w - p.pad_left;
  const TapRange tx = ref::ValidTaps(ix0, p.dilation_w, p.in_w, 3);
  const __m512 lo = _mm512_set1_ps(p.lo), hi = _mm512_set1_ps(p.hi);
  for (int32_t c0 = 0; c0 < p.c; c0 += kLanes) {
    const __mmask16 mask = ChannelMask(p.c, c0);
    __m512 acc = _mm512_setzero_ps();
    for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
      const float* row = in_b + int64_t{iy0 + fy * p.dilation_h} * p.in_w * p.c + c0;
      for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
        const __m512 x = _mm512_maskz_loadu_ps(mask, row + int64_t{ix0 + fx * p.dilation_w} * p.c);
        const __m512 w = _mm512_load_ps(p.w + int64_t{fy * 3 + fx} * p.c_padded + c0);
        acc = _mm512_fmadd_ps(x, w, acc);
      }
    }
    const __m512 y = L::Min(L::Max(_mm512_add_ps(acc, _mm512_load_ps(p.bias + c0)), lo), hi);
    _mm512_mask_storeu_ps(out_px + c0, mask, y);
  }
}

// One pixel whose valid taps are filter rows [first_fy, first_fy + NR) and columns [FB, FE),
// known at compile time: border pixels missing a column (Pixel's loops with run-time bounds cost
// as much as the interior pixels of a 17-wide row together) and the interior pixels left over
// after the groups. Same sums, in the same order, as Pixel.
template <int NR, int FB, int FE>
void FixedTapsPixel(const Depthwise3x3& p, const float* in_b, int32_t iy0, int32_t first_fy,
                    int32_t ox, float* out_px) {
  const int32_t c = p.c, c_padded = p.c_padded;
  const int64_t step = int64_t{p.dilation_w} * c;
  const int64_t ix0 = int64_t{ox} * p.stride_w - p.pad_left;
  const float* rows[NR];
  const float* taps[NR];
#pragma GCC unroll 3
  for (int j = 0; j < NR; ++j) {
    rows[j] = in_b + (int64_t{iy0 + (first_fy + j) * p.dilation_h} * p.in_w + ix0) * c;
    taps[j] = p.w + int64_t{first_fy + j} * 3 * c_padded;
  }
  const __m512 lo = _mm512_set1_ps(p.lo), hi = _mm512_set1_ps(p.hi);
  for (int32_t c0 = 0; c0 < c; c0 += kLanes) {
    const __mmask16 mask = ChannelMask(c, c0);
    __m512 acc = _mm512_setzero_ps();
#pragma GCC unroll 3
    for (int j = 0; j < NR; ++j) {
#pragma GCC unroll 3
      for (int fx = FB; fx < FE; ++fx) {
        const __m512 x = _mm512_maskz_loadu_ps(mask, rows[j] + fx * step + c0);
        acc = _mm512_fmadd_ps(x, _mm512_load_ps(taps[j] + fx * c_padded + c0), acc);
      }
    }
    const __m512 y = L::Min(L::Max(_mm512_add_ps(acc, _mm512_load_ps(p.bias + c0)), lo), hi);
    _mm512_mask_storeu_ps(out_px + c0, mask, y);
  }
}

template <int FB, int FE>
bool EdgeFor(const Depthwise3x3& p, const float* in_b, int32_t iy0, TapRange ty, int32_t ox,
             float* out_px) {
  switch (ty.end - ty.begin) {
    case 3:
      FixedTapsPixel<3, FB, FE>(p, in_b, iy0, ty.begin, ox, out_px);
      return true;
    case 2:
      FixedTapsPixel<2, FB, FE>(p, in_b, iy0, ty.begin, ox, out_px);
      return true;
    default:
      return false;
  }
}

// A border pixel through FixedTapsPixel when its taps have the shape of a MobileNet border
// (dilation 1, the first or the last column outside the input), else through Pixel.
void BorderPixel(const Depthwise3x3& p, const float* in_b, int32_t iy0, TapRange ty, int32_t ox,
                 float* out_px) {
  if (p.dilation_w == 1) {
    const TapRange tx = ref::ValidTaps(ox * p.stride_w - p.pad_left, 1, p.in_w, 3);
    if (tx.begin == 1 && tx.end == 3 && EdgeFor<1, 3>(p, in_b, iy0, ty, ox, out_px)) return;
    if (tx.begin == 0 && tx.end == 2 && EdgeFor<0, 2>(p, in_b, iy0, ty, ox, out_px)) return;
  }
  Pixel(p, in_b, iy0, ty, ox, out_px);
}

// Pixels [x_begin, x_end) of a row whose NR valid filter rows start at `first_fy` and whose
// three columns are all inside the input. With the horizontal stride S and dilation D known at
// compile time (S > 0), a group loads each input column it needs once into registers
// ((kGroup - 1) * S + 2 * D + 1 of them per filter row) and reuses it across pixels and taps;
// S == 0 reads p's stride and dilation and loads once per tap.
template <int NR, int S, int D>
void Interior(const Depthwise3x3& p, const float* in_b, int32_t iy0, int32_t first_fy,
              int32_t x_begin, int32_t x_end, float* out_row) {
  // Locals, not p's fields: the stores below could alias p and would force reloads.
  const int32_t c = p.c, c_padded = p.c_padded;
  const int64_t step = int64_t{p.dilation_w} * c, stride = int64_t{p.stride_w} * c;
  const float* rows[NR];
  const float* taps[NR];
#pragma GCC unroll 3
  for (int j = 0; j < NR; ++j) {
    rows[j] = in_b + int64_t{iy0 + (first_fy + j) * p.dilation_h} * p.in_w * c;
    taps[j] = p.w + int64_t{first_fy + j} * 3 * c_padded;
  }
  const float* bias = p.bias;
  const __m512 lo = _mm512_set1_ps(p.lo), hi = _mm512_set1_ps(p.hi);
  int64_t at = int64_t{x_begin * p.stride_w - p.pad_left} * c;
  float* y = out_row + int64_t{x_begin} * c;
  int32_t ox = x_begin;
  for (; ox + kGroup <= x_end; ox += kGroup, at += kGroup * stride, y += kGroup * c) {
    for (int32_t c0 = 0; c0 < c; c0 += kLanes) {
      const __mmask16 mask = ChannelMask(c, c0);
      __m512 acc[kGroup];
#pragma GCC unroll 4
      for (int i = 0; i < kGroup; ++i) acc[i] = _mm512_setzero_ps();
      if constexpr (S > 0) {
        constexpr int kCols = (kGroup - 1) * S + 2 * D + 1;
#pragma GCC unroll 3
        for (int j = 0; j < NR; ++j) {
          __m512 col[kCols];
          const float* q = rows[j] + at + c0;
#pragma GCC unroll 16
          for (int k = 0; k < kCols; ++k) col[k] = _mm512_maskz_loadu_ps(mask, q + k * c);
#pragma GCC unroll 3
          for (int fx = 0; fx < 3; ++fx) {
            const __m512 w = _mm512_load_ps(taps[j] + fx * c_padded + c0);
#pragma GCC unroll 4
            for (int i = 0; i < kGroup; ++i)
              acc[i] = _mm512_fmadd_ps(col[i * S + fx * D], w, acc[i]);
          }
        }
      } else {
#pragma GCC unroll 3
        for (int j = 0; j < NR; ++j) {
#pragma GCC unroll 3
          for (int fx = 0; fx < 3; ++fx) {
            const __m512 w = _mm512_load_ps(taps[j] + fx * c_padded + c0);
#pragma GCC unroll 4
            for (int i = 0; i < kGroup; ++i) {
              const __m512 x =
                  _mm512_maskz_loadu_ps(mask, rows[j] + at + i * stride + fx * step + c0);
              acc[i] = _mm512_fmadd_ps(x, w, acc[i]);
            }
          }
        }
      }
      const __m512 b = _mm512_load_ps(bias + c0);
#pragma GCC unroll 4
      for (int i = 0; i < kGroup; ++i) {
        _mm512_mask_storeu_ps(y + i * c + c0, mask,
                              L::Min(L::Max(_mm512_add_ps(acc[i], b), lo), hi));
      }
    }
  }
  for (; ox < x_end; ++ox, y += c) FixedTapsPixel<NR, 0, 3>(p, in_b, iy0, first_fy, ox, y);
}

// The MobileNet strides and dilations get their own column-reusing instantiation.
template <int NR>
void InteriorFor(const Depthwise3x3& p, const float* in_b, int32_t iy0, int32_t first_fy,
                 int32_t x_begin, int32_t x_end, float* out_row) {
  auto* fn = &Interior<NR, 0, 0>;
  if (p.stride_w == 1 && p.dilation_w == 1) fn = &Interior<NR, 1, 1>;
  if (p.stride_w == 2 && p.dilation_w == 1) fn = &Interior<NR, 2, 1>;
  if (p.stride_w == 1 && p.dilation_w == 2) fn = &Interior<NR, 1, 2>;
  if (p.stride_w == 1 && p.dilation_w == 4) fn = &Interior<NR, 1, 4>;
  fn(p, in_b, iy0, first_fy, x_begin, x_end, out_row);
}

}  // namespace

void Depthwise3x3Avx512(const Depthwise3x3& p, int64_t row_begin, int64_t row_end) {
  const int32_t x_lo = p.x_lo, x_hi = p.x_hi;
  ForEachRow(p, row_begin, row_end, [&](const DepthwiseRow& r) {
    for (int32_t ox = 0; ox < x_lo; ++ox) {
      BorderPixel(p, r.in_b, r.iy0, r.ty, ox, r.out + int64_t{ox} * p.c);
    }
    switch (r.ty.end - r.ty.begin) {
      case 3:
        InteriorFor<3>(p, r.in_b, r.iy0, r.ty.begin, x_lo, x_hi, r.out);
        break;
      case 2:
        InteriorFor<2>(p, r.in_b, r.iy0, r.ty.begin, x_lo, x_hi, r.out);
        break;
      case 1:
        InteriorFor<1>(p, r.in_b, r.iy0, r.ty.begin, x_lo, x_hi, r.out);
        break;
      default:
        for (int32_t ox = x_lo; ox < x_hi; ++ox) {
          Pixel(p, r.in_b, r.iy0, r.ty, ox, r.out + int64_t{ox} * p.c);
        }
    }
    for (int32_t ox = x_hi; ox < p.out_w; ++ox) {
      BorderPixel(p, r.in_b, r.iy0, r.ty, ox, r.out + int64_t{ox} * p.c);
    }
  });
}

}  // namespace posenet::fconv
