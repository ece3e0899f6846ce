// Quantized depthwise convolution rows on WebAssembly SIMD128: the AVX2 scheme
// (depthwise_conv_avx2.cc) on 4 channels per vector. Inputs widen to int32 lanes whose high
// halves are 0 or -1 and weights to lanes whose high halves are 0, so i32x4.dot_i16x8_s yields
// the plain product per lane. Channel tails are staged through a small local buffer.
// 3x3 interiors take two taps per multiply instead (DepthwisePlan::pair_weights): 8 channels'
// input bytes of two taps interleaved, widened to int16 pairs, one dot per 4 channels.
#include <wasm_simd128.h>

#include <cstdint>

#include "kernels/optimized/quantized/depthwise_plan.h"
#include "kernels/optimized/quantized/requant_wasm.h"
#include "kernels/reference/window.h"

namespace posenet {
namespace {

constexpr int32_t kLanes = 4;

// `count` (< 4 when kPartial) input bytes widened to int32 lanes; lanes past count are 0.
template <bool kSigned, bool kPartial>
inline v128_t LoadInput(const uint8_t* p, int32_t count) {
  v128_t bytes;
  if (kPartial) {
    uint8_t staged[4] = {};
    for (int32_t i = 0; i < count; ++i) staged[i] = p[i];
    bytes = wasm_v128_load32_zero(staged);
  } else {
    bytes = wasm_v128_load32_zero(p);
  }
  return kSigned ? wasm_i32x4_extend_low_i16x8(wasm_i16x8_extend_low_i8x16(bytes))
                 : wasm_u32x4_extend_low_u16x8(wasm_u16x8_extend_low_u8x16(bytes));
}

struct Ctx {
  int32_t channels;
  int64_t padded;  // lanes per constant array
  int64_t dy_step, dx_step;
  wasm::UniformShift shift;
  const int32_t* pair_weights;
  v128_t input_offset, output_offset, qmin, qmax;
  wasm::OutputRange range;
  const int32_t *weights, *bias, *interior_bias, *multiplier, *left_shift, *right_shift;
};

template <wasm::Form kForm, bool kPartial>
inline void StoreOutput(const Ctx& c, v128_t acc, int32_t cb, int32_t count, uint8_t* out) {
  const v128_t q =
      wasm::Requantize<kForm>(acc, c.multiplier + cb, c.left_shift + cb, c.right_shift + cb,
                              c.shift, c.output_offset, c.qmin, c.qmax);
  // Already clamped to the output type's range: the low byte of each lane is the value.
  const v128_t bytes = wasm_i8x16_shuffle(q, q, 0, 4, 8, 12, 0, 4, 8, 12, 0, 4, 8, 12, 0, 4, 8, 12);
  if (kPartial) {
    uint8_t staged[4];
    wasm_v128_store32_lane(staged, bytes, 0);
    for (int32_t i = 0; i < count; ++i) out[cb + i] = staged[i];
  } else {
    wasm_v128_store32_lane(out + cb, bytes, 0);
  }
}

inline v128_t MultiplyAdd(v128_t acc, v128_t x, v128_t w) {
  return wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(x, w));
}

inline v128_t LoadLanes(const int32_t* p) { return wasm_v128_load(p); }

template <wasm::Form kForm, bool kSigned, bool kPartial, int kH, int kW>
inline void InteriorBlock(const Ctx& c, int32_t fh, int32_t fw, const uint8_t* base, int32_t cb,
                          int32_t count, uint8_t* out) {
  const int32_t h = kH > 0 ? kH : fh, w = kW > 0 ? kW : fw;
  v128_t acc0 = LoadLanes(c.interior_bias + cb);
  v128_t acc1 = wasm_i32x4_splat(0);
  const int32_t* wt = c.weights + cb;
  int32_t t = 0;
  for (int32_t fy = 0; fy < h; ++fy) {
    const uint8_t* row = base + fy * c.dy_step + cb;
    for (int32_t fx = 0; fx < w; ++fx, ++t) {
      const v128_t x = LoadInput<kSigned, kPartial>(row + fx * c.dx_step, count);
      const v128_t wv = LoadLanes(wt + int64_t{t} * c.padded);
      if (t & 1) {
        acc1 = MultiplyAdd(acc1, x, wv);
      } else {
        acc0 = MultiplyAdd(acc0, x, wv);
      }
    }
  }
  StoreOutput<kForm, kPartial>(c, wasm_i32x4_add(acc0, acc1), cb, count, out);
}

template <wasm::Form kForm, bool kSigned, int kH, int kW>
inline void InteriorPixel(const Ctx& c, int32_t fh, int32_t fw, const uint8_t* base, uint8_t* out) {
  const int32_t full = c.channels / kLanes * kLanes;
  int32_t cb = 0;
  for (; cb < full; cb += kLanes) {
    InteriorBlock<kForm, kSigned, false, kH, kW>(c, fh, fw, base, cb, kLanes, out);
  }
  if (cb < c.channels) {
    InteriorBlock<kForm, kSigned, true, kH, kW>(c, fh, fw, base, cb, c.channels - cb, out);
  }
}

// The three input rows a 3x3 window reads, at the window's first column: real rows, or the
// plan's zero-point row for rows outside the input (see depthwise_conv_avx512.cc).
struct Rows3 {
  const uint8_t* r[3];
  Rows3 operator+(int64_t d) const { return Rows3{{r[0] + d, r[1] + d, r[2] + d}}; }
};

// One channel block of `count` pixels of a 3x3 filter whose columns are inside the input,
// `pixel_step` input bytes apart: the block's weights stay in registers across the pixels.
template <wasm::Form kForm, bool kSigned, bool kPartial>
inline void Interior3x3Block(const Ctx& c, Rows3 base, int64_t pixel_step, int32_t count,
                             int32_t cb, int32_t lanes, uint8_t* out) {
  v128_t w[9];
  for (int t = 0; t < 9; ++t) w[t] = LoadLanes(c.weights + int64_t{t} * c.padded + cb);
  const v128_t bias = LoadLanes(c.interior_bias + cb);
  Rows3 px = base + cb;
  uint8_t* o = out;
  for (int32_t i = 0; i < count; ++i, px = px + pixel_step, o += c.channels) {
    v128_t acc[3] = {bias, wasm_i32x4_splat(0), wasm_i32x4_splat(0)};
    for (int fy = 0; fy < 3; ++fy) {
      const uint8_t* row = px.r[fy];
      for (int fx = 0; fx < 3; ++fx) {
        acc[fy] = MultiplyAdd(acc[fy], LoadInput<kSigned, kPartial>(row + fx * c.dx_step, lanes),
                              w[fy * 3 + fx]);
      }
    }
    const v128_t sum = wasm_i32x4_add(wasm_i32x4_add(acc[0], acc[1]), acc[2]);
    StoreOutput<kForm, kPartial>(c, sum, cb, lanes, o);
  }
}

// One 3x3 interior pixel of 8 channels from cb, two taps per dot: each tap pair's input bytes
// interleaved per channel and widened to int16 pairs. 8 channels, not 16: V8 then keeps the
// block in its x64 vector registers (16 spilled and ran ~5% slower in all).
template <wasm::Form kForm, bool kSigned>
inline void PairPixel(const Ctx& c, const Rows3& px, int32_t cb, uint8_t* out) {
  v128_t acc0 = LoadLanes(c.interior_bias + cb), acc1 = LoadLanes(c.interior_bias + cb + 4);
  auto load = [&](int t) { return wasm_v128_load64_zero(px.r[t / 3] + (t % 3) * c.dx_step + cb); };
#pragma clang loop unroll(full)
  for (int q = 0; q < 5; ++q) {
    const v128_t a = load(2 * q);
    const v128_t b = q < 4 ? load(2 * q + 1) : a;  // pair 4's second weight is 0
    const v128_t pairs =
        wasm_i8x16_shuffle(a, b, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    const v128_t low =
        kSigned ? wasm_i16x8_extend_low_i8x16(pairs) : wasm_u16x8_extend_low_u8x16(pairs);
    const v128_t high =
        kSigned ? wasm_i16x8_extend_high_i8x16(pairs) : wasm_u16x8_extend_high_u8x16(pairs);
    const int32_t* w = c.pair_weights + q * c.padded + cb;
    acc0 = MultiplyAdd(acc0, low, LoadLanes(w));
    acc1 = MultiplyAdd(acc1, high, LoadLanes(w + 4));
  }
  const v128_t q0 =
      wasm::Scale<kForm>(acc0, c.multiplier + cb, c.left_shift + cb, c.right_shift + cb, c.shift);
  const v128_t q1 = wasm::Scale<kForm>(acc1, c.multiplier + cb + 4, c.left_shift + cb + 4,
                                       c.right_shift + cb + 4, c.shift);
  wasm_v128_store64_lane(out + cb, wasm::ToBytes<kForm, kSigned>(q0, q1, c.range), 0);
}

// `count` pixels of a 3x3 filter whose columns are inside the input, `pixel_step` input bytes
// apart: blocks of 8 channels by tap pairs, the rest 4 at a time.
template <wasm::Form kForm, bool kSigned>
inline void Interior3x3Run(const Ctx& c, Rows3 base, int64_t pixel_step, int32_t count,
                           uint8_t* out) {
  const int32_t paired = c.channels / 8 * 8;
  Rows3 px = base;
  uint8_t* o = out;
  for (int32_t i = 0; i < count; ++i, px = px + pixel_step, o += c.channels) {
    for (int32_t cb = 0; cb < paired; cb += 8) PairPixel<kForm, kSigned>(c, px, cb, o);
  }
  const int32_t full = c.channels / kLanes * kLanes;
  int32_t cb = paired;
  for (; cb < full; cb += kLanes) {
    Interior3x3Block<kForm, kSigned, false>(c, base, pixel_step, count, cb, kLanes, out);
  }
  if (cb < c.channels) {
    Interior3x3Block<kForm, kSigned, true>(c, base, pixel_step, count, cb, c.channels - cb, out);
  }
}

template <wasm::Form kForm, bool kSigned, bool kPartial>
inline void BorderBlock(const Ctx& c, int32_t fw, int32_t y0, int32_t y1, int32_t x0, int32_t x1,
                        const uint8_t* in, int64_t origin, int32_t cb, int32_t count,
                        uint8_t* out) {
  v128_t acc = LoadLanes(c.bias + cb);
  for (int32_t fy = y0; fy < y1; ++fy) {
    for (int32_t fx = x0; fx < x1; ++fx) {
      const uint8_t* p = in + (origin + fy * c.dy_step + fx * c.dx_step + cb);
      const v128_t x = wasm_i32x4_add(LoadInput<kSigned, kPartial>(p, count), c.input_offset);
      acc = MultiplyAdd(acc, x, LoadLanes(c.weights + int64_t{fy * fw + fx} * c.padded + cb));
    }
  }
  StoreOutput<kForm, kPartial>(c, acc, cb, count, out);
}

// A pixel with padded taps; `origin` is the offset in `in` of its window's first tap.
template <wasm::Form kForm, bool kSigned>
inline void BorderPixel(const Ctx& c, int32_t fw, int32_t y0, int32_t y1, int32_t x0, int32_t x1,
                        const uint8_t* in, int64_t origin, uint8_t* out) {
  const int32_t full = c.channels / kLanes * kLanes;
  int32_t cb = 0;
  for (; cb < full; cb += kLanes) {
    BorderBlock<kForm, kSigned, false>(c, fw, y0, y1, x0, x1, in, origin, cb, kLanes, out);
  }
  if (cb < c.channels) {
    BorderBlock<kForm, kSigned, true>(c, fw, y0, y1, x0, x1, in, origin, cb, c.channels - cb, out);
  }
}

template <wasm::Form kForm, bool kSigned, int kH, int kW>
void Rows(const DepthwisePlan& p, const uint8_t* in, uint8_t* out, int64_t row_begin,
          int64_t row_end) {
  Ctx c{.range = wasm::OutputRange(p.output_offset, p.quant_min, p.quant_max)};
  c.channels = p.channels;
  c.dy_step = int64_t{p.dilation_h} * p.in_w * p.channels;
  c.dx_step = int64_t{p.dilation_w} * p.channels;
  c.input_offset = wasm_i32x4_splat(p.input_offset);
  c.output_offset = wasm_i32x4_splat(p.output_offset);
  c.qmin = wasm_i32x4_splat(p.quant_min), c.qmax = wasm_i32x4_splat(p.quant_max);
  c.padded = p.lanes.stride;
  c.weights = p.lanes.weights, c.bias = p.lanes.bias, c.interior_bias = p.lanes.interior_bias;
  c.multiplier = p.lanes.requant.multiplier, c.left_shift = p.lanes.requant.left_shift;
  c.right_shift = p.lanes.requant.right_shift;
  c.shift = wasm::FindUniformShift(c.left_shift, c.right_shift, p.channels);
  c.pair_weights = p.pair_weights;
  const int64_t pixel_step = int64_t{p.stride_w} * p.channels;
  for (int64_t row = row_begin; row < row_end; ++row) {
    const int32_t b = static_cast<int32_t>(row / p.out_h);
    const int32_t oy = static_cast<int32_t>(row % p.out_h);
    const int32_t in_y0 = oy * p.stride_h - p.pad_top;
    const ref::TapRange ty = ref::ValidTaps(in_y0, p.dilation_h, p.in_h, p.filter_h);
    const int32_t y0 = ty.begin, y1 = ty.end;
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
      const ref::TapRange tx =
          ref::ValidTaps(ox * p.stride_w - p.pad_left, p.dilation_w, p.in_w, p.filter_w);
      const int32_t x0 = tx.begin, x1 = tx.end;
      BorderPixel<kForm, kSigned>(c, p.filter_w, y0, y1, x0, x1, in, origin + ox * pixel_step,
                                  out_px + int64_t{ox} * p.channels);
    };
    const int32_t ib = fast_rows ? p.interior_x_begin : p.out_w;
    const int32_t ie = fast_rows ? p.interior_x_end : p.out_w;
    int32_t ox = 0;
    for (; ox < ib; ++ox) border(ox);
    if (kH == 3 && kW == 3 && ox < ie) {
      Interior3x3Run<kForm, kSigned>(c, rows + (int64_t{ox} * p.stride_w - p.pad_left) * p.channels,
                                     pixel_step, ie - ox, out_px + int64_t{ox} * p.channels);
      ox = ie;
    }
    for (; ox < ie; ++ox) {
      InteriorPixel<kForm, kSigned, kH, kW>(c, p.filter_h, p.filter_w,
                                            in + (origin + ox * pixel_step),
                                            out_px + int64_t{ox} * p.channels);
    }
    for (; ox < p.out_w; ++ox) border(ox);
  }
}

template <wasm::Form kForm, bool kSigned>
void RowsBySize(const DepthwisePlan& p, const uint8_t* in, uint8_t* out, int64_t r0, int64_t r1) {
  if (p.filter_h == 3 && p.filter_w == 3) {
    Rows<kForm, kSigned, 3, 3>(p, in, out, r0, r1);
  } else {
    Rows<kForm, kSigned, 0, 0>(p, in, out, r0, r1);
  }
}

template <wasm::Form kForm>
void RowsByType(const DepthwisePlan& p, const uint8_t* in, uint8_t* out, int64_t r0, int64_t r1) {
  if (p.is_signed) {
    RowsBySize<kForm, true>(p, in, out, r0, r1);
  } else {
    RowsBySize<kForm, false>(p, in, out, r0, r1);
  }
}

}  // namespace

void DepthwiseRowsWasm(const DepthwisePlan& plan, const void* in, void* out, int64_t row_begin,
                       int64_t row_end) {
  const auto* src = static_cast<const uint8_t*>(in);
  auto* dst = static_cast<uint8_t*>(out);
  const wasm::UniformShift shift = wasm::FindUniformShift(
      plan.lanes.requant.left_shift, plan.lanes.requant.right_shift, plan.channels);
  switch (wasm::ChooseForm(plan.simple_requant, plan.relu_shift, shift)) {
    case wasm::Form::kRelu:
      return RowsByType<wasm::Form::kRelu>(plan, src, dst, row_begin, row_end);
    case wasm::Form::kSimple:
      return RowsByType<wasm::Form::kSimple>(plan, src, dst, row_begin, row_end);
    default:
      return RowsByType<wasm::Form::kGeneral>(plan, src, dst, row_begin, row_end);
  }
}

}  // namespace posenet
