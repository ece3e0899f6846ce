// The quantized depthwise row walker, written once and instantiated per SIMD level `L`
// (quantized_simd_avx2.h, quantized_simd_avx512.h). Include only from the level files: the
// unnamed namespace gives each its own copy, compiled with its flags.
//
// Each output row computes its border columns pixel by pixel (valid taps only, the input offset
// added per tap, as the reference does) and, for 3x3 filters, its interior columns as one run
// on the first path that applies: vpdpbusd byte blocks (levels with a byte dot product), flat
// runs of int32 lanes across pixels (stride 1, channels not a multiple of the vector), int32
// lanes per pixel. Interior pixels use raw inputs and a bias that already holds
// input_offset * sum(w); rows above or below the input read the plan's zero-point row, whose
// taps add w * 0 after the offset, exactly what the reference's skipped taps add.
#pragma once

#include <cstdint>

#include "kernels/optimized/quantized/depthwise_plan.h"
#include "kernels/optimized/quantized/requant_forms.h"
#include "kernels/reference/window.h"

namespace posenet {
namespace {
namespace qdw {

// Everything the int32-lane paths read per call, hoisted out of the plan.
template <class L>
struct Ctx {
  using Vec = typename L::Vec;
  bool simple_requant;
  typename L::Relu relu;  // when the plan's relu_shift > 0
  int32_t channels;
  int64_t padded;            // lanes per constant array
  int64_t dy_step, dx_step;  // input bytes between taps down and across
  Vec input_offset, output_offset, qmin, qmax;
  const int32_t *weights, *bias, *interior_bias;
  RequantArrays requant;
};

template <class L>
Ctx<L> MakeCtx(const DepthwisePlan& p, const DepthwiseLanes& lanes) {
  return Ctx<L>{.simple_requant = p.simple_requant,
                .relu = L::MakeRelu(p.relu_shift > 0 ? p.relu_shift : 1),
                .channels = p.channels,
                .padded = lanes.stride,
                .dy_step = int64_t{p.dilation_h} * p.in_w * p.channels,
                .dx_step = int64_t{p.dilation_w} * p.channels,
                .input_offset = L::Set1(p.input_offset),
                .output_offset = L::Set1(p.output_offset),
                .qmin = L::Set1(p.quant_min),
                .qmax = L::Set1(p.quant_max),
                .weights = lanes.weights,
                .bias = lanes.bias,
                .interior_bias = lanes.interior_bias,
                .requant = lanes.requant};
}

// Requantizes, offsets and clamps one vector of sums and stores its live lanes as bytes.
template <class L, bool kSigned, bool kPartial, bool kRelu>
inline void Finish(const Ctx<L>& c, typename L::Vec acc, const LaneRequant<L>& r, uint8_t* out,
                   typename L::Tail tail) {
  const typename L::Vec q = kRelu              ? Requantize<RequantMode::kRelu>(acc, r, c.relu)
                            : c.simple_requant ? Requantize<RequantMode::kSimple>(acc, r, c.relu)
                                               : Requantize<RequantMode::kGeneral>(acc, r, c.relu);
  L::template StoreLanes<kSigned, kPartial>(out, L::Clamp(q, c.output_offset, c.qmin, c.qmax),
                                            tail);
}

// Calls block.template operator()<kPartial>(first channel, tail) for each vector of channels.
template <class L, class Block>
inline void ForEachVector(int32_t channels, const Block& block) {
  const int32_t full = channels / L::kLanes * L::kLanes;
  int32_t cb = 0;
  for (; cb < full; cb += L::kLanes) block.template operator()<false>(cb, L::TailOf(L::kLanes));
  if (cb < channels) block.template operator()<true>(cb, L::TailOf(channels - cb));
}

// A pixel with only taps [ty) x [tx) read, each with the input offset. `origin` is the offset in
// `in` of the window's first tap (possibly outside the input; only valid taps are read, so no
// pointer outside the tensor is ever formed).
template <class L, bool kSigned>
inline void BorderPixel(const Ctx<L>& c, int32_t fw, ref::TapRange ty, ref::TapRange tx,
                        const uint8_t* in, int64_t origin, uint8_t* out) {
  ForEachVector<L>(c.channels, [&]<bool kPartial>(int32_t cb, typename L::Tail tail) {
    typename L::Vec acc = L::Load(c.bias + cb);
    for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
      for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
        const uint8_t* p = in + (origin + fy * c.dy_step + fx * c.dx_step + cb);
        const auto x = L::Add(L::template LoadWidened<kSigned, kPartial>(p, tail), c.input_offset);
        acc = L::MulAdd16(acc, x, L::Load(c.weights + int64_t{fy * fw + fx} * c.padded + cb));
      }
    }
    Finish<L, kSigned, kPartial, false>(c, acc, LoadLaneRequant<L>(c.requant, cb), out + cb, tail);
  });
}

// The three input rows a 3x3 window reads, at the window's first column: real rows, or the
// plan's zero-point row for rows outside the input.
struct Rows3 {
  const uint8_t* r[3];
  Rows3 operator+(int64_t d) const { return Rows3{{r[0] + d, r[1] + d, r[2] + d}}; }
};

// One vector of lanes at `count` pixels of a 3x3 filter whose columns are inside the input:
// input rows and output start at `in` / `out` and advance by `in_step` / `out_step` bytes per
// pixel, lane constants start at lane `lane`. The vector's weights (and with 32 registers its
// requantization constants) stay in registers across the pixels.
template <class L, bool kSigned, bool kPartial, bool kRelu>
inline void Interior3x3Block(const Ctx<L>& c, Rows3 in, int64_t in_step, uint8_t* out,
                             int64_t out_step, int32_t count, int64_t lane, typename L::Tail tail) {
  using Vec = typename L::Vec;
  Vec w[9];
  for (int t = 0; t < 9; ++t) w[t] = L::Load(c.weights + int64_t{t} * c.padded + lane);
  const Vec bias = L::Load(c.interior_bias + lane);
  // With 16 vector registers the requantization constants are reloaded per pixel (from L1):
  // kept in registers they spilled, which ran about 20 % slower on AVX2.
  constexpr bool kHoist = L::kRegisters >= 32;
  LaneRequant<L> r = LoadLaneRequant<L>(c.requant, lane);
  for (int32_t i = 0; i < count; ++i, in = in + in_step, out += out_step) {
    if constexpr (!kHoist) r = LoadLaneRequant<L>(c.requant, lane);
    // Three chains, one per filter row, so the multiply-adds overlap.
    Vec acc[3] = {bias, L::Zero(), L::Zero()};
    for (int fy = 0; fy < 3; ++fy) {
      for (int fx = 0; fx < 3; ++fx) {
        const Vec x = L::template LoadWidened<kSigned, kPartial>(in.r[fy] + fx * c.dx_step, tail);
        acc[fy] = L::MulAdd16(acc[fy], x, w[fy * 3 + fx]);
      }
    }
    Finish<L, kSigned, kPartial, kRelu>(c, L::Add(L::Add(acc[0], acc[1]), acc[2]), r, out, tail);
  }
}

// `count` interior pixels, `pixel_step` input bytes apart, each in vectors of its channels.
template <class L, bool kSigned, bool kRelu>
inline void Interior3x3Run(const Ctx<L>& c, Rows3 base, int64_t pixel_step, int32_t count,
                           uint8_t* out) {
  ForEachVector<L>(c.channels, [&]<bool kPartial>(int32_t cb, typename L::Tail tail) {
    Interior3x3Block<L, kSigned, kPartial, kRelu>(c, base + cb, pixel_step, out + cb, c.channels,
                                                  count, cb, tail);
  });
}

// `count` interior pixels at stride 1 as one run of count * channels bytes, walked in vectors
// that straddle pixels; `flat` holds the lane constants repeated over `period` lanes. Vector b
// starts at byte kLanes * b and uses pattern lane kLanes * b % period, so the vectors sharing a
// pattern position (period bytes apart) run together.
template <class L, bool kSigned, bool kRelu>
inline void Interior3x3FlatRun(const Ctx<L>& flat, int32_t period, Rows3 base, int32_t count,
                               uint8_t* out) {
  const int64_t length = int64_t{count} * flat.channels;
  for (int64_t lane = 0; lane < period && lane < length; lane += L::kLanes) {
    const int64_t whole = lane + L::kLanes <= length ? (length - lane - L::kLanes) / period + 1 : 0;
    Interior3x3Block<L, kSigned, false, kRelu>(flat, base + lane, period, out + lane, period,
                                               static_cast<int32_t>(whole), lane,
                                               L::TailOf(L::kLanes));
    const int64_t last = lane + whole * period;
    if (last < length) {
      Interior3x3Block<L, kSigned, true, kRelu>(flat, base + last, period, out + last, period, 1,
                                                lane, L::TailOf(length - last));
    }
  }
}

// The vpdpbusd path (DepthwiseByteLanes): one load holds kBytes channels of one tap. Byte then
// word unpacks of four taps' loads give, per 128-bit lane i, four vectors whose int32 lane
// 4i + m holds the four taps' bytes of block channel 16i + 4k + m (k = 0..3, the vector); the
// lane constants are stored in that order, and narrowing the four results (dword -> word ->
// byte, per 128-bit lane) puts the bytes back in channel order.
template <class L>
struct ByteCtx {
  using Vec = typename L::Vec;
  bool simple_requant;
  int64_t dx_step, period;
  typename L::Relu relu;
  const int8_t* weights;
  const int32_t *bias, *negate;
  RequantArrays requant;
  // kRelu: the sign of negated lanes folded into the multipliers, at even lanes, and each odd
  // lane's at the even lane below it.
  const int32_t *relu_multiplier_even, *relu_multiplier_odd;
  Vec offset16, qmin8, qmax8;  // the output offset and clamp, applied while narrowing
};

template <class L>
ByteCtx<L> MakeByteCtx(const DepthwisePlan& p) {
  const DepthwiseByteLanes& b = p.byte_lanes;
  return ByteCtx<L>{.simple_requant = p.simple_requant,
                    .dx_step = int64_t{p.dilation_w} * p.channels,
                    .period = b.period,
                    .relu = L::MakeRelu(p.relu_shift > 0 ? p.relu_shift : 1),
                    .weights = b.weights,
                    .bias = b.bias,
                    .negate = b.negate,
                    .requant = b.requant,
                    .relu_multiplier_even = b.relu_multiplier_even,
                    .relu_multiplier_odd = b.relu_multiplier_odd,
                    .offset16 = L::Set1Epi16(static_cast<int16_t>(p.output_offset)),
                    .qmin8 = L::Set1Epi8(static_cast<int8_t>(p.quant_min)),
                    .qmax8 = L::Set1Epi8(static_cast<int8_t>(p.quant_max))};
}

// A tap's bytes as vpdpbusd's unsigned operand: int8 x is read as x + 128 (the plan folds the
// -128 into the bias).
template <class L, bool kSigned, bool kPartial>
inline typename L::Vec LoadTap(const uint8_t* p, typename L::ByteTail k) {
  const typename L::Vec v = L::template LoadBytes<kPartial>(p, k);
  return kSigned ? L::Xor(v, L::Set1Epi8(static_cast<int8_t>(0x80))) : v;
}

// One block of kBytes lanes (constants from lane `lane`) at `count` interior pixels.
// Not inlined: one call covers a whole run of pixels, and inlined copies made GCC 12 report its
// intrinsics' undefined pass-through sources as uninitialized (-Wuninitialized).
template <class L, bool kSigned, bool kPartial, bool kRelu>
__attribute__((noinline)) void ByteBlock(const ByteCtx<L>& c, Rows3 in, int64_t in_step,
                                         uint8_t* out, int64_t out_step, int32_t count,
                                         int64_t lane, typename L::ByteTail k) {
  using Vec = typename L::Vec;
  constexpr int kLanes = L::kLanes;
  Vec w[3][4];
  for (int g = 0; g < 3; ++g) {
    for (int v = 0; v < 4; ++v)
      w[g][v] = L::Load(c.weights + (g * c.period + lane + kLanes * v) * 4);
  }
  typename L::NegMask negated[4];
  for (int v = 0; v < 4; ++v) negated[v] = L::LoadNegate(c.negate + lane + kLanes * v);
  const Vec zero = L::Zero();
  for (int32_t i = 0; i < count; ++i, in = in + in_step, out += out_step) {
    auto tap = [&](int t) {
      return LoadTap<L, kSigned, kPartial>(in.r[t / 3] + (t % 3) * c.dx_step, k);
    };
    Vec acc[4];
    for (int v = 0; v < 4; ++v) acc[v] = L::Load(c.bias + lane + kLanes * v);
    for (int g = 0; g < 2; ++g) {
      const Vec t0 = tap(4 * g), t1 = tap(4 * g + 1), t2 = tap(4 * g + 2), t3 = tap(4 * g + 3);
      const Vec lo01 = L::UnpackLo8(t0, t1), hi01 = L::UnpackHi8(t0, t1);
      const Vec lo23 = L::UnpackLo8(t2, t3), hi23 = L::UnpackHi8(t2, t3);
      acc[0] = L::DotBytes(acc[0], L::UnpackLo16(lo01, lo23), w[g][0]);
      acc[1] = L::DotBytes(acc[1], L::UnpackHi16(lo01, lo23), w[g][1]);
      acc[2] = L::DotBytes(acc[2], L::UnpackLo16(hi01, hi23), w[g][2]);
      acc[3] = L::DotBytes(acc[3], L::UnpackHi16(hi01, hi23), w[g][3]);
    }
    // Tap 8 alone: its bytes with three zeros per lane.
    const Vec t8 = tap(8);
    const Vec lo8 = L::UnpackLo8(t8, zero), hi8 = L::UnpackHi8(t8, zero);
    acc[0] = L::DotBytes(acc[0], L::UnpackLo16(lo8, zero), w[2][0]);
    acc[1] = L::DotBytes(acc[1], L::UnpackHi16(lo8, zero), w[2][1]);
    acc[2] = L::DotBytes(acc[2], L::UnpackLo16(hi8, zero), w[2][2]);
    acc[3] = L::DotBytes(acc[3], L::UnpackHi16(hi8, zero), w[2][3]);
    Vec q[4];
    for (int v = 0; v < 4; ++v) {
      const int64_t at = lane + kLanes * v;
      if constexpr (kRelu) {
        q[v] = RequantizeRelu<L>(acc[v], L::Load(c.relu_multiplier_even + at),
                                 L::Load(c.relu_multiplier_odd + at), c.relu);
      } else {
        const Vec sum = L::Negate(acc[v], negated[v]);
        const LaneRequant<L> r = LoadLaneRequant<L>(c.requant, at);
        q[v] = c.simple_requant ? Requantize<RequantMode::kSimple>(sum, r, c.relu)
                                : Requantize<RequantMode::kGeneral>(sum, r, c.relu);
      }
    }
    L::template StoreBytes<kPartial>(
        out, L::Narrow(q[0], q[1], q[2], q[3], c.offset16, c.qmin8, c.qmax8, kSigned), k);
  }
}

// `count` interior pixels starting at `base` / `out`, `pixel_step` input bytes apart: as one
// flat run (stride 1, like Interior3x3FlatRun with byte blocks) or pixel by pixel in blocks of
// kBytes channels, the last one partial when the channels are not a multiple of kBytes.
template <class L, bool kSigned, bool kRelu>
inline void ByteRun(const ByteCtx<L>& c, bool flat, int32_t channels, Rows3 base,
                    int64_t pixel_step, int32_t count, uint8_t* out) {
  constexpr int kBytes = L::kBytes;
  if (!flat) {
    int32_t cb = 0;
    for (; cb + kBytes <= channels; cb += kBytes) {
      ByteBlock<L, kSigned, false, kRelu>(c, base + cb, pixel_step, out + cb, channels, count, cb,
                                          L::ByteTailOf(kBytes));
    }
    if (cb < channels) {
      ByteBlock<L, kSigned, true, kRelu>(c, base + cb, pixel_step, out + cb, channels, count, cb,
                                         L::ByteTailOf(channels - cb));
    }
    return;
  }
  const int64_t length = int64_t{count} * channels;
  for (int64_t lane = 0; lane < c.period && lane < length; lane += kBytes) {
    const int64_t whole = lane + kBytes <= length ? (length - lane - kBytes) / c.period + 1 : 0;
    ByteBlock<L, kSigned, false, kRelu>(c, base + lane, c.period, out + lane, c.period,
                                        static_cast<int32_t>(whole), lane, L::ByteTailOf(kBytes));
    const int64_t last = lane + whole * c.period;
    if (last < length) {
      ByteBlock<L, kSigned, true, kRelu>(c, base + last, c.period, out + last, c.period, 1, lane,
                                         L::ByteTailOf(length - last));
    }
  }
}

// The interior columns of a 3x3 row: `count` pixels from window `base`, output `out`.
template <class L, bool kSigned, bool kRelu>
inline void Interior3x3(const DepthwisePlan& p, const Ctx<L>& c, const Ctx<L>& flat,
                        const ByteCtx<L>& bytes, Rows3 base, int32_t count, uint8_t* out) {
  const int64_t pixel_step = int64_t{p.stride_w} * p.channels;
  if constexpr (L::kByteDot) {
    if (p.byte_lanes.period > 0) {
      return ByteRun<L, kSigned, kRelu>(bytes, p.byte_lanes.flat, p.channels, base, pixel_step,
                                        count, out);
    }
  }
  if (p.flat_period > 0) {
    return Interior3x3FlatRun<L, kSigned, kRelu>(flat, p.flat_period, base, count, out);
  }
  Interior3x3Run<L, kSigned, kRelu>(c, base, pixel_step, count, out);
}

template <class L, bool kSigned>
void Rows(const DepthwisePlan& p, const uint8_t* in, uint8_t* out, int64_t row_begin,
          int64_t row_end) {
  const Ctx<L> c = MakeCtx<L>(p, p.lanes);
  const Ctx<L> flat = p.flat_period > 0 ? MakeCtx<L>(p, p.flat_lanes) : c;
  const ByteCtx<L> bytes = MakeByteCtx<L>(p);
  const bool relu = p.relu_shift > 0;
  const bool is3x3 = p.filter_h == 3 && p.filter_w == 3;
  const int64_t pixel_step = int64_t{p.stride_w} * p.channels;
  for (int64_t row = row_begin; row < row_end; ++row) {
    const int32_t b = static_cast<int32_t>(row / p.out_h);
    const int32_t oy = static_cast<int32_t>(row % p.out_h);
    const int32_t in_y0 = oy * p.stride_h - p.pad_top;
    const ref::TapRange ty = ref::ValidTaps(in_y0, p.dilation_h, p.in_h, p.filter_h);
    // The window origin of output column 0 (may lie before the row; only valid taps are read).
    const int64_t origin = ((int64_t{b} * p.in_h + in_y0) * p.in_w - p.pad_left) * p.channels;
    uint8_t* out_row = out + row * p.out_w * p.channels;
    auto border = [&](int32_t ox) {
      const ref::TapRange tx =
          ref::ValidTaps(ox * p.stride_w - p.pad_left, p.dilation_w, p.in_w, p.filter_w);
      BorderPixel<L, kSigned>(c, p.filter_w, ty, tx, in, origin + ox * pixel_step,
                              out_row + int64_t{ox} * p.channels);
    };
    // Other filters than 3x3 run every pixel on the border path (none of PoseNet's).
    const int32_t ib = is3x3 ? p.interior_x_begin : p.out_w;
    const int32_t ie = is3x3 ? p.interior_x_end : p.out_w;
    int32_t ox = 0;
    for (; ox < ib; ++ox) border(ox);
    if (ox < ie) {
      Rows3 window;
      for (int fy = 0; fy < 3; ++fy) {
        const int32_t iy = in_y0 + fy * p.dilation_h;
        window.r[fy] = iy >= 0 && iy < p.in_h
                           ? in + (int64_t{b} * p.in_h + iy) * p.in_w * p.channels
                           : p.zero_row;
      }
      window = window + (int64_t{ox} * p.stride_w - p.pad_left) * p.channels;
      uint8_t* o = out_row + int64_t{ox} * p.channels;
      if (relu) {
        Interior3x3<L, kSigned, true>(p, c, flat, bytes, window, ie - ox, o);
      } else {
        Interior3x3<L, kSigned, false>(p, c, flat, bytes, window, ie - ox, o);
      }
      ox = ie;
    }
    for (; ox < p.out_w; ++ox) border(ox);
  }
}

}  // namespace qdw

// Output rows [row_begin, row_end) of the flattened (batch, out_y) range at level L.
template <class L>
void DepthwiseRows(const DepthwisePlan& plan, const void* in, void* out, int64_t row_begin,
                   int64_t row_end) {
  const auto* src = static_cast<const uint8_t*>(in);
  auto* dst = static_cast<uint8_t*>(out);
  if (plan.is_signed) {
    qdw::Rows<L, true>(plan, src, dst, row_begin, row_end);
  } else {
    qdw::Rows<L, false>(plan, src, dst, row_begin, row_end);
  }
}

}  // namespace
}  // namespace posenet
