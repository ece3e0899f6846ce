// Quantized depthwise convolution rows with AVX2: the AVX-512 scheme (see
// depthwise_conv_avx512.cc) on 8 channels per vector, vpmaddwd + vpaddd instead of vpdpwssd,
// and channel tails staged through a small local buffer since AVX2 has no byte masks.
#include <immintrin.h>

#include <cstdint>

#include "kernels/optimized/quantized/depthwise_plan.h"
#include "kernels/optimized/quantized/requant_avx2.h"

namespace posenet {
namespace {

constexpr int32_t kLanes = 8;

// The valid taps [begin, end) of a window along one axis (as ref::ValidTaps).
inline void ValidTaps(int32_t origin, int32_t dilation, int32_t size, int32_t filter,
                      int32_t* begin, int32_t* end) {
  int32_t b = origin >= 0 ? 0 : (-origin + dilation - 1) / dilation;
  const int32_t room = size - 1 - origin;
  int32_t e = room < 0 ? 0 : room / dilation + 1;
  if (e > filter) e = filter;
  if (b > filter) b = filter;
  if (e < b) e = b;
  *begin = b, *end = e;
}

// `count` (< 8 when kPartial) input bytes widened to int32 lanes; lanes past count are 0.
template <bool kSigned, bool kPartial>
inline __m256i LoadInput(const uint8_t* p, int32_t count) {
  __m128i bytes;
  if (kPartial) {
    alignas(16) uint8_t staged[16] = {};
    for (int32_t i = 0; i < count; ++i) staged[i] = p[i];
    bytes = _mm_load_si128(reinterpret_cast<const __m128i*>(staged));
  } else {
    bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
  }
  return kSigned ? _mm256_cvtepi8_epi32(bytes) : _mm256_cvtepu8_epi32(bytes);
}

// requant_avx2.h's Requantize in the case the plan checked (DepthwisePlan::simple_requant),
// with fewer instructions; see RequantizeSimple in depthwise_conv_avx512.cc for why it is exact.
inline __m256i RequantizeSimple(__m256i acc, const avx2::RequantVectors& r, __m256i offset,
                                __m256i lo, __m256i hi) {
  const __m256i nudge = _mm256_set1_epi64x(int64_t{1} << 30);
  const __m256i even =
      _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(acc, r.multiplier), nudge), 31);
  const __m256i odd = _mm256_slli_epi64(
      _mm256_add_epi64(
          _mm256_mul_epi32(_mm256_srli_epi64(acc, 32), _mm256_srli_epi64(r.multiplier, 32)), nudge),
      1);
  const __m256i x = _mm256_blend_epi32(even, odd, 0xAA);
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i half = _mm256_sllv_epi32(one, _mm256_sub_epi32(r.right_shift, one));
  const __m256i rounded = _mm256_srav_epi32(
      _mm256_add_epi32(_mm256_add_epi32(x, half), _mm256_srai_epi32(x, 31)), r.right_shift);
  return _mm256_min_epi32(_mm256_max_epi32(_mm256_add_epi32(rounded, offset), lo), hi);
}

struct Ctx {
  bool simple_requant;
  int32_t channels;
  int64_t padded;  // lanes per constant array
  int64_t dy_step, dx_step;
  __m256i input_offset, output_offset, qmin, qmax;
  const int32_t *weights, *bias, *interior_bias, *multiplier, *left_shift, *right_shift;
};

inline __m256i LoadLanes(const int32_t* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}

template <bool kSigned, bool kPartial>
inline void StoreOutput(const Ctx& c, __m256i acc, int32_t cb, int32_t count, uint8_t* out) {
  const avx2::RequantVectors r{LoadLanes(c.multiplier + cb), LoadLanes(c.left_shift + cb),
                               LoadLanes(c.right_shift + cb)};
  const __m256i q = c.simple_requant ? RequantizeSimple(acc, r, c.output_offset, c.qmin, c.qmax)
                                     : avx2::Requantize(acc, r, c.output_offset, c.qmin, c.qmax);
  // Already clamped to the output type's range: the saturating packs keep every value.
  const __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
  const __m128i bytes = kSigned ? _mm_packs_epi16(words, words) : _mm_packus_epi16(words, words);
  if (kPartial) {
    alignas(16) uint8_t staged[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(staged), bytes);
    for (int32_t i = 0; i < count; ++i) out[cb + i] = staged[i];
  } else {
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out + cb), bytes);
  }
}

inline __m256i MultiplyAdd(__m256i acc, __m256i x, __m256i w) {
  return _mm256_add_epi32(acc, _mm256_madd_epi16(x, w));
}

template <bool kSigned, bool kPartial, int kH, int kW>
inline void InteriorBlock(const Ctx& c, int32_t fh, int32_t fw, const uint8_t* base, int32_t cb,
                          int32_t count, uint8_t* out) {
  const int32_t h = kH > 0 ? kH : fh, w = kW > 0 ? kW : fw;
  __m256i acc0 = LoadLanes(c.interior_bias + cb);
  __m256i acc1 = _mm256_setzero_si256();
  const int32_t* wt = c.weights + cb;
  int32_t t = 0;
  for (int32_t fy = 0; fy < h; ++fy) {
    const uint8_t* row = base + fy * c.dy_step + cb;
    for (int32_t fx = 0; fx < w; ++fx, ++t) {
      const __m256i x = LoadInput<kSigned, kPartial>(row + fx * c.dx_step, count);
      const __m256i wv = LoadLanes(wt + int64_t{t} * c.padded);
      if (t & 1) {
        acc1 = MultiplyAdd(acc1, x, wv);
      } else {
        acc0 = MultiplyAdd(acc0, x, wv);
      }
    }
  }
  StoreOutput<kSigned, kPartial>(c, _mm256_add_epi32(acc0, acc1), cb, count, out);
}

template <bool kSigned, int kH, int kW>
inline void InteriorPixel(const Ctx& c, int32_t fh, int32_t fw, const uint8_t* base, uint8_t* out) {
  const int32_t full = c.channels / kLanes * kLanes;
  int32_t cb = 0;
  for (; cb < full; cb += kLanes) {
    InteriorBlock<kSigned, false, kH, kW>(c, fh, fw, base, cb, kLanes, out);
  }
  if (cb < c.channels) {
    InteriorBlock<kSigned, true, kH, kW>(c, fh, fw, base, cb, c.channels - cb, out);
  }
}

// The three input rows a 3x3 window reads, at the window's first column: real rows, or the
// plan's zero-point row for rows outside the input (see depthwise_conv_avx512.cc).
struct Rows3 {
  const uint8_t* r[3];
  Rows3 operator+(int64_t d) const { return Rows3{{r[0] + d, r[1] + d, r[2] + d}}; }
};

// One channel block of `count` pixels of a 3x3 filter whose columns are inside the input,
// `pixel_step` input bytes apart: the block's weights and requantization stay in registers
// across the pixels.
template <bool kSigned, bool kPartial>
inline void Interior3x3Block(const Ctx& c, Rows3 base, int64_t pixel_step, int32_t count,
                             int32_t cb, int32_t lanes, uint8_t* out) {
  __m256i w[9];
  for (int t = 0; t < 9; ++t) w[t] = LoadLanes(c.weights + int64_t{t} * c.padded + cb);
  const __m256i bias = LoadLanes(c.interior_bias + cb);
  Rows3 px = base + cb;
  uint8_t* o = out;
  for (int32_t i = 0; i < count; ++i, px = px + pixel_step, o += c.channels) {
    __m256i acc[3] = {bias, _mm256_setzero_si256(), _mm256_setzero_si256()};
    for (int fy = 0; fy < 3; ++fy) {
      const uint8_t* row = px.r[fy];
      for (int fx = 0; fx < 3; ++fx) {
        acc[fy] = MultiplyAdd(acc[fy], LoadInput<kSigned, kPartial>(row + fx * c.dx_step, lanes),
                              w[fy * 3 + fx]);
      }
    }
    const __m256i sum = _mm256_add_epi32(_mm256_add_epi32(acc[0], acc[1]), acc[2]);
    StoreOutput<kSigned, kPartial>(c, sum, cb, lanes, o);
  }
}

template <bool kSigned>
inline void Interior3x3Run(const Ctx& c, Rows3 base, int64_t pixel_step, int32_t count,
                           uint8_t* out) {
  const int32_t full = c.channels / kLanes * kLanes;
  int32_t cb = 0;
  for (; cb < full; cb += kLanes) {
    Interior3x3Block<kSigned, false>(c, base, pixel_step, count, cb, kLanes, out);
  }
  if (cb < c.channels) {
    Interior3x3Block<kSigned, true>(c, base, pixel_step, count, cb, c.channels - cb, out);
  }
}

template <bool kSigned, bool kPartial>
inline void BorderBlock(const Ctx& c, int32_t fw, int32_t y0, int32_t y1, int32_t x0, int32_t x1,
                        const uint8_t* in, int64_t origin, int32_t cb, int32_t count,
                        uint8_t* out) {
  __m256i acc = LoadLanes(c.bias + cb);
  for (int32_t fy = y0; fy < y1; ++fy) {
    for (int32_t fx = x0; fx < x1; ++fx) {
      const uint8_t* p = in + (origin + fy * c.dy_step + fx * c.dx_step + cb);
      const __m256i x = _mm256_add_epi32(LoadInput<kSigned, kPartial>(p, count), c.input_offset);
      acc = MultiplyAdd(acc, x, LoadLanes(c.weights + int64_t{fy * fw + fx} * c.padded + cb));
    }
  }
  StoreOutput<kSigned, kPartial>(c, acc, cb, count, out);
}

// A pixel with padded taps; `origin` is the offset in `in` of its window's first tap.
template <bool kSigned>
inline void BorderPixel(const Ctx& c, int32_t fw, int32_t y0, int32_t y1, int32_t x0, int32_t x1,
                        const uint8_t* in, int64_t origin, uint8_t* out) {
  const int32_t full = c.channels / kLanes * kLanes;
  int32_t cb = 0;
  for (; cb < full; cb += kLanes) {
    BorderBlock<kSigned, false>(c, fw, y0, y1, x0, x1, in, origin, cb, kLanes, out);
  }
  if (cb < c.channels) {
    BorderBlock<kSigned, true>(c, fw, y0, y1, x0, x1, in, origin, cb, c.channels - cb, out);
  }
}

template <bool kSigned, int kH, int kW>
void Rows(const DepthwisePlan& p, const uint8_t* in, uint8_t* out, int64_t row_begin,
          int64_t row_end) {
  Ctx c;
  c.simple_requant = p.simple_requant;
  c.channels = p.channels;
  c.dy_step = int64_t{p.dilation_h} * p.in_w * p.channels;
  c.dx_step = int64_t{p.dilation_w} * p.channels;
  c.input_offset = _mm256_set1_epi32(p.input_offset);
  c.output_offset = _mm256_set1_epi32(p.output_offset);
  c.qmin = _mm256_set1_epi32(p.quant_min), c.qmax = _mm256_set1_epi32(p.quant_max);
  c.padded = p.lanes.stride;
  c.weights = p.lanes.weights, c.bias = p.lanes.bias, c.interior_bias = p.lanes.interior_bias;
  c.multiplier = p.lanes.multiplier, c.left_shift = p.lanes.left_shift;
  c.right_shift = p.lanes.right_shift;
  const int64_t pixel_step = int64_t{p.stride_w} * p.channels;
  for (int64_t row = row_begin; row < row_end; ++row) {
    const int32_t b = static_cast<int32_t>(row / p.out_h);
    const int32_t oy = static_cast<int32_t>(row % p.out_h);
    const int32_t in_y0 = oy * p.stride_h - p.pad_top;
    int32_t y0, y1;
    ValidTaps(in_y0, p.dilation_h, p.in_h, p.filter_h, &y0, &y1);
    const bool row_full = y0 == 0 && y1 == p.filter_h;
    // 3x3: interior columns of every row run the fast path, the zero-point row standing in for
    // rows outside the input.
    const bool fast_rows = (kH == 3 && kW == 3) || row_full;
    Rows3 rows;
    for (int fy = 0; fy < 3; ++fy) {
      const int32_t iy = in_y0 + fy * p.dilation_h;
      rows.r[fy] = iy >= 0 && iy < p.in_h ? in + (int64_t{b} * p.in_h + iy) * p.in_w * p.channels
                                          : p.zero_row;
    }
    const int64_t origin = ((int64_t{b} * p.in_h + in_y0) * p.in_w - p.pad_left) * p.channels;
    uint8_t* out_px = out + row * p.out_w * p.channels;
    auto border = [&](int32_t ox) {
      int32_t x0, x1;
      ValidTaps(ox * p.stride_w - p.pad_left, p.dilation_w, p.in_w, p.filter_w, &x0, &x1);
      BorderPixel<kSigned>(c, p.filter_w, y0, y1, x0, x1, in, origin + ox * pixel_step,
                           out_px + int64_t{ox} * p.channels);
    };
    const int32_t ib = fast_rows ? p.interior_x_begin : p.out_w;
    const int32_t ie = fast_rows ? p.interior_x_end : p.out_w;
    int32_t ox = 0;
    for (; ox < ib; ++ox) border(ox);
    if (kH == 3 && kW == 3 && ox < ie) {
      Interior3x3Run<kSigned>(c, rows + (int64_t{ox} * p.stride_w - p.pad_left) * p.channels,
                              pixel_step, ie - ox, out_px + int64_t{ox} * p.channels);
      ox = ie;
    }
    for (; ox < ie; ++ox) {
      InteriorPixel<kSigned, kH, kW>(c, p.filter_h, p.filter_w, in + (origin + ox * pixel_step),
                                     out_px + int64_t{ox} * p.channels);
    }
    for (; ox < p.out_w; ++ox) border(ox);
  }
}

template <bool kSigned>
void RowsBySize(const DepthwisePlan& p, const uint8_t* in, uint8_t* out, int64_t r0, int64_t r1) {
  if (p.filter_h == 3 && p.filter_w == 3) {
    Rows<kSigned, 3, 3>(p, in, out, r0, r1);
  } else {
    Rows<kSigned, 0, 0>(p, in, out, r0, r1);
  }
}

}  // namespace

void DepthwiseRowsAvx2(const DepthwisePlan& plan, const void* in, void* out, int64_t row_begin,
                       int64_t row_end) {
  const auto* src = static_cast<const uint8_t*>(in);
  auto* dst = static_cast<uint8_t*>(out);
  if (plan.is_signed) {
    RowsBySize<true>(plan, src, dst, row_begin, row_end);
  } else {
    RowsBySize<false>(plan, src, dst, row_begin, row_end);
  }
}

}  // namespace posenet
