// Quantized depthwise convolution rows with AVX-512: 16 channels per vector, one int32 lane per
// channel. Each tap is a widened input vector times the packed weight through vpdpwssd (the
// weights' high 16 bits are 0, so each lane gains exactly x * w). Interior pixels use raw
// inputs and a bias that already holds input_offset * sum(w); border pixels add the input
// offset and skip their padded taps, as the reference kernel does.
#include <immintrin.h>

#include <cstdint>

#include "kernels/optimized/quantized/depthwise_plan.h"
#include "kernels/optimized/quantized/requant_avx512.h"
#include "kernels/optimized/quantized/requant_relu_avx512.h"

namespace posenet {
namespace {

constexpr int32_t kLanes = 16;

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

template <bool kSigned, bool kMasked>
inline __m512i LoadInput(const uint8_t* p, __mmask16 k) {
  const __m128i bytes = kMasked ? _mm_maskz_loadu_epi8(k, p) : _mm_loadu_si128((const __m128i*)p);
  return kSigned ? _mm512_cvtepi8_epi32(bytes) : _mm512_cvtepu8_epi32(bytes);
}

// requant_avx512.h's Requantize in the case the plan checked (DepthwisePlan::simple_requant):
// multipliers > 0 (the doubling product cannot saturate), right shifts e in [1, 31] (no left
// shift) and |acc| + 2^30 within int32 (x + 2^(e-1) below cannot overflow). Same bits, fewer
// instructions: the doubling high product is bits 31..62 of acc * m + 2^30 (even lanes shifted
// down by 31, odd lanes up by one into the high half), and x / 2^e rounded half away from zero
// is (x + 2^(e-1) - [x < 0]) >> e.
inline __m512i RequantizeSimple(__m512i acc, const avx512::RequantVectors& r, __m512i offset,
                                __m512i lo, __m512i hi) {
  const __m512i nudge = _mm512_set1_epi64(int64_t{1} << 30);
  const __m512i even =
      _mm512_srli_epi64(_mm512_add_epi64(_mm512_mul_epi32(acc, r.multiplier), nudge), 31);
  const __m512i odd = _mm512_slli_epi64(
      _mm512_add_epi64(
          _mm512_mul_epi32(_mm512_srli_epi64(acc, 32), _mm512_srli_epi64(r.multiplier, 32)), nudge),
      1);
  const __m512i x = _mm512_mask_blend_epi32(0xAAAA, even, odd);
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i half = _mm512_sllv_epi32(one, _mm512_sub_epi32(r.right_shift, one));
  const __m512i rounded = _mm512_srav_epi32(
      _mm512_add_epi32(_mm512_add_epi32(x, half), _mm512_srai_epi32(x, 31)), r.right_shift);
  return _mm512_min_epi32(_mm512_max_epi32(_mm512_add_epi32(rounded, offset), lo), hi);
}

// Everything one row kernel reads per call, hoisted out of the plan.
struct Ctx {
  bool simple_requant;
  avx512::ReluRequant relu;  // when the plan's relu_shift > 0
  int32_t channels;
  int64_t padded;            // lanes per constant array
  int64_t dy_step, dx_step;  // input bytes between taps down and across
  __m512i input_offset, output_offset, qmin, qmax;
  const int32_t *weights, *bias, *interior_bias, *multiplier, *left_shift, *right_shift;
};

inline void SetLanes(const DepthwiseLanes& l, Ctx& c) {
  c.padded = l.stride;
  c.weights = l.weights, c.bias = l.bias, c.interior_bias = l.interior_bias;
  c.multiplier = l.multiplier, c.left_shift = l.left_shift, c.right_shift = l.right_shift;
}

template <bool kMasked>
inline void StoreOutput(const Ctx& c, __m512i acc, int32_t cb, __mmask16 k, uint8_t* out) {
  const avx512::RequantVectors r{_mm512_loadu_si512(c.multiplier + cb),
                                 _mm512_loadu_si512(c.left_shift + cb),
                                 _mm512_loadu_si512(c.right_shift + cb)};
  const __m512i q = c.simple_requant ? RequantizeSimple(acc, r, c.output_offset, c.qmin, c.qmax)
                                     : avx512::Requantize(acc, r, c.output_offset, c.qmin, c.qmax);
  // Clamped to the output type's range, so truncating to a byte keeps the value.
  if (kMasked) {
    _mm512_mask_cvtepi32_storeu_epi8(out + cb, k, q);
  } else {
    _mm_storeu_si128((__m128i*)(out + cb), _mm512_cvtepi32_epi8(q));
  }
}

// One block of channels of a pixel whose taps all lie inside the input. kH/kW are the filter
// size when known at compile time (3x3), else 0 and taken from fh/fw.
template <bool kSigned, bool kMasked, int kH, int kW>
inline void InteriorBlock(const Ctx& c, int32_t fh, int32_t fw, const uint8_t* base, int32_t cb,
                          __mmask16 k, uint8_t* out) {
  const int32_t h = kH > 0 ? kH : fh, w = kW > 0 ? kW : fw;
  __m512i acc0 = _mm512_loadu_si512(c.interior_bias + cb);
  __m512i acc1 = _mm512_setzero_si512();  // second chain: halves the dependent latency
  const int32_t* wt = c.weights + cb;
  int32_t t = 0;
  for (int32_t fy = 0; fy < h; ++fy) {
    const uint8_t* row = base + fy * c.dy_step + cb;
    for (int32_t fx = 0; fx < w; ++fx, ++t) {
      const __m512i x = LoadInput<kSigned, kMasked>(row + fx * c.dx_step, k);
      const __m512i wv = _mm512_loadu_si512(wt + int64_t{t} * c.padded);
      if (t & 1) {
        acc1 = _mm512_dpwssd_epi32(acc1, x, wv);
      } else {
        acc0 = _mm512_dpwssd_epi32(acc0, x, wv);
      }
    }
  }
  StoreOutput<kMasked>(c, _mm512_add_epi32(acc0, acc1), cb, k, out);
}

template <bool kSigned, int kH, int kW>
inline void InteriorPixel(const Ctx& c, int32_t fh, int32_t fw, const uint8_t* base, uint8_t* out) {
  const int32_t full = c.channels / kLanes * kLanes;
  int32_t cb = 0;
  for (; cb < full; cb += kLanes) {
    InteriorBlock<kSigned, false, kH, kW>(c, fh, fw, base, cb, 0xFFFF, out);
  }
  if (cb < c.channels) {
    const __mmask16 k = static_cast<__mmask16>((1u << (c.channels - cb)) - 1);
    InteriorBlock<kSigned, true, kH, kW>(c, fh, fw, base, cb, k, out);
  }
}

// The three input rows a 3x3 window reads, at the window's first column: real rows, or the
// plan's zero-point row for rows outside the input (their taps then add w * 0 after the input
// offset, exactly what the reference's skipped taps add).
struct Rows3 {
  const uint8_t* r[3];
  Rows3 operator+(int64_t d) const { return Rows3{{r[0] + d, r[1] + d, r[2] + d}}; }
};

// requant_relu_avx512.h's requantization plus the output offset and clamp.
inline __m512i ClampedRelu(const Ctx& c, __m512i acc, __m512i multiplier) {
  const __m512i q = _mm512_add_epi32(
      avx512::RequantizeRelu(acc, multiplier, _mm512_srli_epi64(multiplier, 32), c.relu),
      c.output_offset);
  return _mm512_min_epi32(_mm512_max_epi32(q, c.qmin), c.qmax);
}

// One block of 16 lanes at `count` pixels of a 3x3 filter whose columns are inside the input:
// input rows and output start at `in` / `out` and advance by `in_step` / `out_step` bytes per
// pixel, lane constants start at lane `lane`. The block's weights and requantization stay in
// registers across the pixels.
template <bool kSigned, bool kMasked, bool kRelu>
inline void Interior3x3Block(const Ctx& c, Rows3 in, int64_t in_step, uint8_t* out,
                             int64_t out_step, int32_t count, int32_t lane, __mmask16 k) {
  __m512i w[9];
  for (int t = 0; t < 9; ++t) w[t] = _mm512_loadu_si512(c.weights + int64_t{t} * c.padded + lane);
  const __m512i bias = _mm512_loadu_si512(c.interior_bias + lane);
  const avx512::RequantVectors r{_mm512_loadu_si512(c.multiplier + lane),
                                 _mm512_loadu_si512(c.left_shift + lane),
                                 _mm512_loadu_si512(c.right_shift + lane)};
  for (int32_t i = 0; i < count; ++i, in = in + in_step, out += out_step) {
    // Three chains, one per filter row, so the multiply-adds overlap.
    __m512i acc[3] = {bias, _mm512_setzero_si512(), _mm512_setzero_si512()};
    for (int fy = 0; fy < 3; ++fy) {
      const uint8_t* row = in.r[fy];
      for (int fx = 0; fx < 3; ++fx) {
        acc[fy] = _mm512_dpwssd_epi32(acc[fy], LoadInput<kSigned, kMasked>(row + fx * c.dx_step, k),
                                      w[fy * 3 + fx]);
      }
    }
    const __m512i sum = _mm512_add_epi32(_mm512_add_epi32(acc[0], acc[1]), acc[2]);
    const __m512i q = kRelu ? ClampedRelu(c, sum, r.multiplier)
                      : c.simple_requant
                          ? RequantizeSimple(sum, r, c.output_offset, c.qmin, c.qmax)
                          : avx512::Requantize(sum, r, c.output_offset, c.qmin, c.qmax);
    if (kMasked) {
      _mm_mask_storeu_epi8(out, k, _mm512_cvtepi32_epi8(q));
    } else {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm512_cvtepi32_epi8(q));
    }
  }
}

// `count` interior pixels, `pixel_step` input bytes apart, each in blocks of its channels.
template <bool kSigned, bool kRelu>
inline void Interior3x3Run(const Ctx& c, Rows3 base, int64_t pixel_step, int32_t count,
                           uint8_t* out) {
  const int32_t full = c.channels / kLanes * kLanes;
  int32_t cb = 0;
  for (; cb < full; cb += kLanes) {
    Interior3x3Block<kSigned, false, kRelu>(c, base + cb, pixel_step, out + cb, c.channels, count,
                                            cb, 0xFFFF);
  }
  if (cb < c.channels) {
    const __mmask16 k = static_cast<__mmask16>((1u << (c.channels - cb)) - 1);
    Interior3x3Block<kSigned, true, kRelu>(c, base + cb, pixel_step, out + cb, c.channels, count,
                                           cb, k);
  }
}

// `count` interior pixels at stride 1 as one run of count * channels bytes, walked in 16-lane
// blocks that straddle pixels; `flat` holds the lane constants repeated over `period` lanes.
// Block b starts at byte 16 * b and uses pattern lane 16 * b % period, so the blocks sharing a
// pattern position (period bytes apart) run together.
template <bool kSigned, bool kRelu>
inline void Interior3x3FlatRun(const Ctx& flat, int32_t period, Rows3 base, int32_t count,
                               uint8_t* out) {
  const int64_t length = int64_t{count} * flat.channels;
  for (int32_t lane = 0; lane < period && lane < length; lane += kLanes) {
    const int64_t whole = lane + kLanes <= length ? (length - lane - kLanes) / period + 1 : 0;
    Interior3x3Block<kSigned, false, kRelu>(flat, base + lane, period, out + lane, period,
                                            static_cast<int32_t>(whole), lane, 0xFFFF);
    const int64_t last = lane + whole * period;
    if (last < length) {
      const __mmask16 k = static_cast<__mmask16>((1u << (length - last)) - 1);
      Interior3x3Block<kSigned, true, kRelu>(flat, base + last, period, out + last, period, 1, lane,
                                             k);
    }
  }
}

// The vpdpbusd path (DepthwiseByteLanes): a 64-byte load holds 64 channels of one tap. Byte
// then word unpacks of four taps' loads give, per 128-bit lane L, four vectors whose int32 lane
// 4L + m holds the four taps' bytes of block channel 16L + 4k + m (k = 0..3, the vector); the
// lane constants are stored in that order, and packing the four results (dword -> word -> byte,
// per 128-bit lane) puts the bytes back in channel order.
struct ByteCtx {
  bool simple_requant;
  int64_t dy_step, dx_step, period;
  __m512i output_offset, qmin, qmax;
  const int8_t* weights;
  const int32_t *bias, *negate, *multiplier, *left_shift, *right_shift;
  // kRelu: requant_relu_avx512.h, the sign of negated lanes folded into their multipliers; the
  // offset and clamp after narrowing (saturating packs, as in the dense kernel).
  avx512::ReluRequant relu;
  const int32_t *relu_multiplier_even, *relu_multiplier_odd;
  __m512i offset16, qmin8, qmax8;
};

template <bool kSigned, bool kMasked>
inline __m512i LoadBytes(const uint8_t* p, __mmask64 k) {
  const __m512i v = kMasked ? _mm512_maskz_loadu_epi8(k, p) : _mm512_loadu_si512(p);
  // vpdpbusd takes unsigned inputs: int8 x is read as x + 128 (the plan folds in the -128).
  return kSigned ? _mm512_xor_si512(v, _mm512_set1_epi8(static_cast<char>(0x80))) : v;
}

// One 64-lane block (constants from lane `lane`) at `count` interior pixels.
// Not inlined: one call covers a whole run of pixels, and inlined copies made GCC 12 report its
// intrinsics' undefined pass-through sources as uninitialized (-Wuninitialized).
template <bool kSigned, bool kMasked, bool kRelu>
__attribute__((noinline)) void ByteBlock(const ByteCtx& c, Rows3 in, int64_t in_step, uint8_t* out,
                                         int64_t out_step, int32_t count, int64_t lane,
                                         __mmask64 k) {
  __m512i w[3][4];
  for (int g = 0; g < 3; ++g) {
    for (int v = 0; v < 4; ++v) {
      w[g][v] = _mm512_loadu_si512(c.weights + (g * c.period + lane + 16 * v) * 4);
    }
  }
  __mmask16 negated[4];
  for (int v = 0; v < 4; ++v) {
    negated[v] = _mm512_movepi32_mask(_mm512_loadu_si512(c.negate + lane + 16 * v));
  }
  const __m512i zero = _mm512_setzero_si512();
  for (int32_t i = 0; i < count; ++i, in = in + in_step, out += out_step) {
    auto tap = [&](int t) { return in.r[t / 3] + (t % 3) * c.dx_step; };
    __m512i acc[4];
    for (int v = 0; v < 4; ++v) acc[v] = _mm512_loadu_si512(c.bias + lane + 16 * v);
    for (int g = 0; g < 2; ++g) {
      const __m512i t0 = LoadBytes<kSigned, kMasked>(tap(4 * g), k);
      const __m512i t1 = LoadBytes<kSigned, kMasked>(tap(4 * g + 1), k);
      const __m512i t2 = LoadBytes<kSigned, kMasked>(tap(4 * g + 2), k);
      const __m512i t3 = LoadBytes<kSigned, kMasked>(tap(4 * g + 3), k);
      const __m512i lo01 = _mm512_unpacklo_epi8(t0, t1), hi01 = _mm512_unpackhi_epi8(t0, t1);
      const __m512i lo23 = _mm512_unpacklo_epi8(t2, t3), hi23 = _mm512_unpackhi_epi8(t2, t3);
      acc[0] = _mm512_dpbusd_epi32(acc[0], _mm512_unpacklo_epi16(lo01, lo23), w[g][0]);
      acc[1] = _mm512_dpbusd_epi32(acc[1], _mm512_unpackhi_epi16(lo01, lo23), w[g][1]);
      acc[2] = _mm512_dpbusd_epi32(acc[2], _mm512_unpacklo_epi16(hi01, hi23), w[g][2]);
      acc[3] = _mm512_dpbusd_epi32(acc[3], _mm512_unpackhi_epi16(hi01, hi23), w[g][3]);
    }
    // Tap 8 alone: its bytes with three zeros per lane.
    const __m512i t8 = LoadBytes<kSigned, kMasked>(tap(8), k);
    const __m512i lo8 = _mm512_unpacklo_epi8(t8, zero), hi8 = _mm512_unpackhi_epi8(t8, zero);
    acc[0] = _mm512_dpbusd_epi32(acc[0], _mm512_unpacklo_epi16(lo8, zero), w[2][0]);
    acc[1] = _mm512_dpbusd_epi32(acc[1], _mm512_unpackhi_epi16(lo8, zero), w[2][1]);
    acc[2] = _mm512_dpbusd_epi32(acc[2], _mm512_unpacklo_epi16(hi8, zero), w[2][2]);
    acc[3] = _mm512_dpbusd_epi32(acc[3], _mm512_unpackhi_epi16(hi8, zero), w[2][3]);
    if (kRelu) {
      __m512i q[4];
      for (int v = 0; v < 4; ++v) {
        const int64_t at = lane + 16 * v;
        q[v] = avx512::RequantizeRelu(acc[v], _mm512_loadu_si512(c.relu_multiplier_even + at),
                                      _mm512_loadu_si512(c.relu_multiplier_odd + at), c.relu);
      }
      // Saturating at each step, then clamping, gives clamp(q + offset): a value saturated at
      // int16 lies beyond the 8-bit range on the same side.
      const __m512i low = _mm512_adds_epi16(_mm512_packs_epi32(q[0], q[1]), c.offset16);
      const __m512i high = _mm512_adds_epi16(_mm512_packs_epi32(q[2], q[3]), c.offset16);
      const __m512i bytes =
          kSigned
              ? _mm512_min_epi8(_mm512_max_epi8(_mm512_packs_epi16(low, high), c.qmin8), c.qmax8)
              : _mm512_min_epu8(_mm512_max_epu8(_mm512_packus_epi16(low, high), c.qmin8), c.qmax8);
      if (kMasked) {
        _mm512_mask_storeu_epi8(out, k, bytes);
      } else {
        _mm512_storeu_si512(out, bytes);
      }
      continue;
    }
    __m512i q[4];
    for (int v = 0; v < 4; ++v) {
      const int64_t at = lane + 16 * v;
      const avx512::RequantVectors r{_mm512_loadu_si512(c.multiplier + at),
                                     _mm512_loadu_si512(c.left_shift + at),
                                     _mm512_loadu_si512(c.right_shift + at)};
      const __m512i sum = _mm512_mask_sub_epi32(acc[v], negated[v], zero, acc[v]);
      q[v] = c.simple_requant ? RequantizeSimple(sum, r, c.output_offset, c.qmin, c.qmax)
                              : avx512::Requantize(sum, r, c.output_offset, c.qmin, c.qmax);
    }
    // Values are inside the output type's range, so the saturating packs keep them.
    const __m512i bytes =
        kSigned
            ? _mm512_packs_epi16(_mm512_packs_epi32(q[0], q[1]), _mm512_packs_epi32(q[2], q[3]))
            : _mm512_packus_epi16(_mm512_packus_epi32(q[0], q[1]), _mm512_packus_epi32(q[2], q[3]));
    if (kMasked) {
      _mm512_mask_storeu_epi8(out, k, bytes);
    } else {
      _mm512_storeu_si512(out, bytes);
    }
  }
}

// `count` interior pixels starting at `base` / `out`, `pixel_step` input bytes apart: as one
// flat run (stride 1, like Interior3x3FlatRun with 64-lane blocks) or pixel by pixel in
// 64-channel blocks, the last one masked when the channels are not a multiple of 64.
template <bool kSigned, bool kRelu>
inline void ByteRun(const ByteCtx& c, bool flat, int32_t channels, Rows3 base, int64_t pixel_step,
                    int32_t count, uint8_t* out) {
  if (!flat) {
    int32_t cb = 0;
    for (; cb + 64 <= channels; cb += 64) {
      ByteBlock<kSigned, false, kRelu>(c, base + cb, pixel_step, out + cb, channels, count, cb,
                                       ~__mmask64{0});
    }
    if (cb < channels) {
      const __mmask64 k = (__mmask64{1} << (channels - cb)) - 1;
      ByteBlock<kSigned, true, kRelu>(c, base + cb, pixel_step, out + cb, channels, count, cb, k);
    }
    return;
  }
  const int64_t length = int64_t{count} * channels;
  for (int64_t lane = 0; lane < c.period && lane < length; lane += 64) {
    const int64_t whole = lane + 64 <= length ? (length - lane - 64) / c.period + 1 : 0;
    ByteBlock<kSigned, false, kRelu>(c, base + lane, c.period, out + lane, c.period,
                                     static_cast<int32_t>(whole), lane, ~__mmask64{0});
    const int64_t last = lane + whole * c.period;
    if (last < length) {
      const __mmask64 k = (__mmask64{1} << (length - last)) - 1;
      ByteBlock<kSigned, true, kRelu>(c, base + last, c.period, out + last, c.period, 1, lane, k);
    }
  }
}

// A pixel with padded taps: only taps [y0, y1) x [x0, x1) are read, each with the input offset.
// `origin` is the offset in `in` of the window's first tap (possibly outside the input; only
// valid taps are read, so no pointer outside the tensor is ever formed).
template <bool kSigned>
inline void BorderPixel(const Ctx& c, int32_t fw, int32_t y0, int32_t y1, int32_t x0, int32_t x1,
                        const uint8_t* in, int64_t origin, uint8_t* out) {
  for (int32_t cb = 0; cb < c.channels; cb += kLanes) {
    const int32_t left = c.channels - cb;
    const __mmask16 k = left >= kLanes ? __mmask16{0xFFFF} : __mmask16((1u << left) - 1);
    __m512i acc = _mm512_loadu_si512(c.bias + cb);
    for (int32_t fy = y0; fy < y1; ++fy) {
      for (int32_t fx = x0; fx < x1; ++fx) {
        const uint8_t* p = in + (origin + fy * c.dy_step + fx * c.dx_step + cb);
        const __m512i x = _mm512_add_epi32(LoadInput<kSigned, true>(p, k), c.input_offset);
        const __m512i wv = _mm512_loadu_si512(c.weights + int64_t{fy * fw + fx} * c.padded + cb);
        acc = _mm512_dpwssd_epi32(acc, x, wv);
      }
    }
    StoreOutput<true>(c, acc, cb, k, out);
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
  c.input_offset = _mm512_set1_epi32(p.input_offset);
  c.output_offset = _mm512_set1_epi32(p.output_offset);
  c.qmin = _mm512_set1_epi32(p.quant_min), c.qmax = _mm512_set1_epi32(p.quant_max);
  const bool relu = p.relu_shift > 0;
  c.relu = avx512::MakeReluRequant(relu ? p.relu_shift : 1);
  SetLanes(p.lanes, c);
  Ctx flat = c;
  if (p.flat_period > 0) SetLanes(p.flat_lanes, flat);
  const DepthwiseByteLanes& bl = p.byte_lanes;
  ByteCtx bc{c.simple_requant, c.dy_step,     c.dx_step,     bl.period, c.output_offset,
             c.qmin,           c.qmax,        bl.weights,    bl.bias,   bl.negate,
             bl.multiplier,    bl.left_shift, bl.right_shift};
  bc.relu = c.relu;
  bc.relu_multiplier_even = bl.relu_multiplier_even;
  bc.relu_multiplier_odd = bl.relu_multiplier_odd;
  bc.offset16 = _mm512_set1_epi16(static_cast<int16_t>(p.output_offset));
  bc.qmin8 = _mm512_set1_epi8(static_cast<char>(p.quant_min));
  bc.qmax8 = _mm512_set1_epi8(static_cast<char>(p.quant_max));
  const int64_t pixel_step = int64_t{p.stride_w} * p.channels;
  for (int64_t row = row_begin; row < row_end; ++row) {
    const int32_t b = static_cast<int32_t>(row / p.out_h);
    const int32_t oy = static_cast<int32_t>(row % p.out_h);
    const int32_t in_y0 = oy * p.stride_h - p.pad_top;
    int32_t y0, y1;
    ValidTaps(in_y0, p.dilation_h, p.in_h, p.filter_h, &y0, &y1);
    const bool row_full = y0 == 0 && y1 == p.filter_h;
    // 3x3: every row runs its interior columns on the fast paths, with the zero-point row in
    // place of rows outside the input.
    const bool fast_rows = (kH == 3 && kW == 3) || row_full;
    Rows3 rows;
    for (int fy = 0; fy < 3; ++fy) {
      const int32_t iy = in_y0 + fy * p.dilation_h;
      rows.r[fy] = iy >= 0 && iy < p.in_h ? in + (int64_t{b} * p.in_h + iy) * p.in_w * p.channels
                                          : p.zero_row;
    }
    // Rows3 offset of the window of output column ox (inside the row for interior columns).
    auto window = [&](int32_t ox) {
      return rows + (int64_t{ox} * p.stride_w - p.pad_left) * p.channels;
    };
    // The window origin of output column 0 (may lie before the row; only valid taps are read).
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
    if (kH == 3 && kW == 3 && ox < ie && bl.period > 0) {
      if (relu) {
        ByteRun<kSigned, true>(bc, bl.flat, p.channels, window(ox), pixel_step, ie - ox,
                               out_px + int64_t{ox} * p.channels);
      } else {
        ByteRun<kSigned, false>(bc, bl.flat, p.channels, window(ox), pixel_step, ie - ox,
                                out_px + int64_t{ox} * p.channels);
      }
      ox = ie;
    }
    if (kH == 3 && kW == 3 && ox < ie && p.flat_period > 0) {
      if (relu) {
        Interior3x3FlatRun<kSigned, true>(flat, p.flat_period, window(ox), ie - ox,
                                          out_px + int64_t{ox} * p.channels);
      } else {
        Interior3x3FlatRun<kSigned, false>(flat, p.flat_period, window(ox), ie - ox,
                                           out_px + int64_t{ox} * p.channels);
      }
      ox = ie;
    }
    if (kH == 3 && kW == 3 && ox < ie) {
      if (relu) {
        Interior3x3Run<kSigned, true>(c, window(ox), pixel_step, ie - ox,
                                      out_px + int64_t{ox} * p.channels);
      } else {
        Interior3x3Run<kSigned, false>(c, window(ox), pixel_step, ie - ox,
                                       out_px + int64_t{ox} * p.channels);
      }
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

void DepthwiseRowsAvx512(const DepthwisePlan& plan, const void* in, void* out, int64_t row_begin,
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
