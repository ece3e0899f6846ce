// AVX2+FMA depthwise 3x3 (depth multiplier 1): the AVX-512 kernel's scheme with 8 channels per
// ymm; whole blocks use plain loads and stores, the channel tail masked ones.
#include <immintrin.h>

#include "kernels/optimized/float/float_depthwise_rows.h"
#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

constexpr int kLanes = 8;

inline __m256 Max(__m256 a, __m256 b) { return _mm256_max_ps(a, b); }
inline __m256 Min(__m256 a, __m256 b) { return _mm256_min_ps(a, b); }

using ref::TapRange;

template <bool kTail>
__m256 Load(const float* x, __m256i mask) {
  if constexpr (kTail) {
    return _mm256_maskload_ps(x, mask);
  } else {
    return _mm256_loadu_ps(x);
  }
}

template <bool kTail>
void Store(float* y, __m256i mask, __m256 v) {
  if constexpr (kTail) {
    _mm256_maskstore_ps(y, mask, v);
  } else {
    _mm256_storeu_ps(y, v);
  }
}

__m256 Finish(__m256 acc, const float* bias, const Depthwise3x3& p) {
  const __m256 y = _mm256_add_ps(acc, _mm256_load_ps(bias));
  return _mm256_min_ps(_mm256_max_ps(y, _mm256_set1_ps(p.lo)), _mm256_set1_ps(p.hi));
}

template <bool kTail>
void Pixel(const Depthwise3x3& p, const float* in_b, int32_t iy0, TapRange ty, int32_t ox,
           int32_t c0, __m256i mask, float* out_px) {
  const int32_t ix0 = ox * p.stride_w - p.pad_left;
  const TapRange tx = ref::ValidTaps(ix0, p.dilation_w, p.in_w, 3);
  __m256 acc = _mm256_setzero_ps();
  for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
    const float* row = in_b + int64_t{iy0 + fy * p.dilation_h} * p.in_w * p.c + c0;
    for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
      const __m256 x = Load<kTail>(row + int64_t{ix0 + fx * p.dilation_w} * p.c, mask);
      const __m256 w = _mm256_load_ps(p.w + int64_t{fy * 3 + fx} * p.c_padded + c0);
      acc = _mm256_fmadd_ps(x, w, acc);
    }
  }
  Store<kTail>(out_px + c0, mask, Finish(acc, p.bias + c0, p));
}

template <int NR, bool kTail>
void Interior(const Depthwise3x3& p, const float* in_b, int32_t iy0, int32_t first_fy,
              int32_t x_begin, int32_t x_end, int32_t c0, __m256i mask, float* out_row) {
  const float* rows[NR];
  __m256 w[NR][3];
#pragma GCC unroll 3
  for (int j = 0; j < NR; ++j) {
    const int32_t fy = first_fy + j;
    rows[j] = in_b + int64_t{iy0 + fy * p.dilation_h} * p.in_w * p.c + c0;
#pragma GCC unroll 3
    for (int fx = 0; fx < 3; ++fx) {
      w[j][fx] = _mm256_load_ps(p.w + int64_t{fy * 3 + fx} * p.c_padded + c0);
    }
  }
  // Locals, not p's fields: the stores below could alias p and would force reloads.
  const int64_t c = p.c, step = int64_t{p.dilation_w} * c, stride = int64_t{p.stride_w} * c;
  const __m256 bias = _mm256_load_ps(p.bias + c0);
  const __m256 lo = _mm256_set1_ps(p.lo), hi = _mm256_set1_ps(p.hi);
  int64_t at = int64_t{x_begin * p.stride_w - p.pad_left} * c;
  float* y = out_row + int64_t{x_begin} * c + c0;
  int32_t ox = x_begin;
  // Four pixels at a time: four independent FMA chains hide the FMA latency.
  for (; ox + 4 <= x_end; ox += 4, at += 4 * stride, y += 4 * c) {
    __m256 acc[4];
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) acc[i] = _mm256_setzero_ps();
#pragma GCC unroll 3
    for (int j = 0; j < NR; ++j) {
#pragma GCC unroll 3
      for (int fx = 0; fx < 3; ++fx) {
#pragma GCC unroll 4
        for (int i = 0; i < 4; ++i) {
          const __m256 x = Load<kTail>(rows[j] + at + i * stride + fx * step, mask);
          acc[i] = _mm256_fmadd_ps(x, w[j][fx], acc[i]);
        }
      }
    }
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) {
      Store<kTail>(y + i * c, mask, Min(Max(_mm256_add_ps(acc[i], bias), lo), hi));
    }
  }
  for (; ox < x_end; ++ox, at += stride, y += c) {
    __m256 acc = _mm256_setzero_ps();
#pragma GCC unroll 3
    for (int j = 0; j < NR; ++j) {
#pragma GCC unroll 3
      for (int fx = 0; fx < 3; ++fx) {
        acc = _mm256_fmadd_ps(Load<kTail>(rows[j] + at + fx * step, mask), w[j][fx], acc);
      }
    }
    Store<kTail>(y, mask, Min(Max(_mm256_add_ps(acc, bias), lo), hi));
  }
}

template <bool kTail>
void Block(const Depthwise3x3& p, const float* in_b, int32_t iy0, TapRange ty, int32_t x_lo,
           int32_t x_hi, int32_t c0, __m256i mask, float* out_row) {
  for (int32_t ox = 0; ox < x_lo; ++ox) {
    Pixel<kTail>(p, in_b, iy0, ty, ox, c0, mask, out_row + int64_t{ox} * p.c);
  }
  switch (ty.end - ty.begin) {
    case 3:
      Interior<3, kTail>(p, in_b, iy0, ty.begin, x_lo, x_hi, c0, mask, out_row);
      break;
    case 2:
      Interior<2, kTail>(p, in_b, iy0, ty.begin, x_lo, x_hi, c0, mask, out_row);
      break;
    case 1:
      Interior<1, kTail>(p, in_b, iy0, ty.begin, x_lo, x_hi, c0, mask, out_row);
      break;
    default:
      for (int32_t ox = x_lo; ox < x_hi; ++ox) {
        Pixel<kTail>(p, in_b, iy0, ty, ox, c0, mask, out_row + int64_t{ox} * p.c);
      }
  }
  for (int32_t ox = x_hi; ox < p.out_w; ++ox) {
    Pixel<kTail>(p, in_b, iy0, ty, ox, c0, mask, out_row + int64_t{ox} * p.c);
  }
}

}  // namespace

void Depthwise3x3Avx2(const Depthwise3x3& p, int64_t row_begin, int64_t row_end) {
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  ForEachRow(p, row_begin, row_end, [&](const DepthwiseRow& r) {
    int32_t c0 = 0;
    for (; c0 + kLanes <= p.c; c0 += kLanes) {
      Block<false>(p, r.in_b, r.iy0, r.ty, p.x_lo, p.x_hi, c0, lane, r.out);
    }
    if (c0 < p.c) {
      const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(p.c - c0), lane);
      Block<true>(p, r.in_b, r.iy0, r.ty, p.x_lo, p.x_hi, c0, mask, r.out);
    }
  });
}

}  // namespace posenet::fconv
