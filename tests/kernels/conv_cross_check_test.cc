// Second-implementation check: the quantized convolutions must agree, within one LSB, with the
// float convolution run on the dequantized input, filter and bias, over random data (fixed
// seeds) and a spread of shapes, strides, dilations and paddings.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "base/window.h"
#include "kernel_test_util.h"
#include "kernels/quantization.h"
#include "kernels/reference/conv.h"

namespace posenet::ref {
namespace {

using ::posenet::testing::GuardedBuffer;
using ::posenet::testing::RandomInts;

struct Case {
  Dims4 in;
  int32_t kh, kw, out_c;  // out_c: conv output channels; depthwise uses depth_multiplier
  int32_t stride_h, stride_w, dilation;
  Padding padding;
  int32_t depth_multiplier = 1;
};

std::string Describe(const Case& c, bool depthwise) {
  return std::string(depthwise ? "depthwise" : "conv") + " in " + std::to_string(c.in.n) + "x" +
         std::to_string(c.in.h) + "x" + std::to_string(c.in.w) + "x" + std::to_string(c.in.c) +
         " k" + std::to_string(c.kh) + "x" + std::to_string(c.kw) + " s" +
         std::to_string(c.stride_h) + "," + std::to_string(c.stride_w) + " d" +
         std::to_string(c.dilation) + (c.padding == Padding::kSame ? " SAME" : " VALID") + " m" +
         std::to_string(c.depth_multiplier);
}

const Case kCases[] = {
    {{1, 7, 9, 5}, 3, 3, 4, 1, 1, 1, Padding::kSame},
    {{1, 7, 9, 5}, 3, 3, 4, 2, 2, 1, Padding::kSame},
    {{1, 8, 8, 3}, 3, 3, 6, 2, 2, 1, Padding::kSame},
    {{1, 9, 7, 4}, 3, 3, 3, 1, 1, 2, Padding::kSame},
    {{1, 6, 6, 16}, 1, 1, 8, 1, 1, 1, Padding::kSame},
    {{1, 8, 7, 3}, 3, 2, 5, 2, 1, 1, Padding::kValid},
    {{2, 5, 5, 2}, 3, 3, 3, 1, 1, 1, Padding::kSame},
    {{1, 1, 6, 7}, 1, 3, 2, 1, 2, 1, Padding::kSame},
};

// Dequantizes an 8-bit array with one scale per slice of `channels` innermost elements.
template <typename T>
std::vector<float> Dequantize(const std::vector<T>& q, const std::vector<float>& scales,
                              int32_t zero_point) {
  std::vector<float> r(q.size());
  for (size_t i = 0; i < q.size(); ++i) {
    const float s = scales.size() == 1 ? scales[0] : scales[i % scales.size()];
    r[i] = s * static_cast<float>(int32_t{q[i]} - zero_point);
  }
  return r;
}

template <typename T>
void CheckCase(const Case& c, bool depthwise, bool per_channel, uint32_t seed) {
  SCOPED_TRACE(Describe(c, depthwise) + (per_channel ? " per-channel" : " per-tensor") + " seed " +
               std::to_string(seed));
  constexpr bool kUint8 = std::is_same_v<T, uint8_t>;
  const int32_t tmin = kUint8 ? 0 : -128, tmax = kUint8 ? 255 : 127;
  const int32_t out_c = depthwise ? c.in.c * c.depth_multiplier : c.out_c;
  const WindowPadding ph = ComputePadding(c.in.h, c.kh, c.stride_h, c.dilation, c.padding);
  const WindowPadding pw = ComputePadding(c.in.w, c.kw, c.stride_w, c.dilation, c.padding);
  const Dims4 fs = depthwise ? Dims4{1, c.kh, c.kw, out_c} : Dims4{out_c, c.kh, c.kw, c.in.c};
  const Dims4 os{c.in.n, ph.out, pw.out, out_c};

  const float s_in = 0.02f;
  const int32_t zp_in = kUint8 ? 120 : -3;
  const int32_t zp_w = kUint8 ? 130 : 0;
  std::vector<float> s_w = {0.01f};
  if (per_channel) {
    s_w.clear();
    for (int32_t oc = 0; oc < out_c; ++oc) s_w.push_back(0.004f + 0.003f * (oc % 5));
  }
  const auto in_q = RandomInts<T>(c.in.size(), tmin, tmax, seed);
  const auto f_q = RandomInts<T>(fs.size(), kUint8 ? 0 : -127, tmax, seed + 1);
  const auto bias_q = RandomInts<int32_t>(out_c, -3000, 3000, seed + 2);

  // Filter scales index the output channel, the innermost filter dimension only for
  // depthwise; for conv (OHWI) it is the outermost, so expand them per element.
  std::vector<float> f_scales = s_w;
  if (per_channel && !depthwise) {
    f_scales.clear();
    for (int32_t oc = 0; oc < out_c; ++oc) {
      f_scales.insert(f_scales.end(), static_cast<size_t>(c.kh * c.kw * c.in.c), s_w[oc]);
    }
  }
  const auto in_r = Dequantize(in_q, {s_in}, zp_in);
  std::vector<float> f_r(f_q.size());
  for (size_t i = 0; i < f_q.size(); ++i) {
    const float s = f_scales.size() == 1 ? f_scales[0]
                    : depthwise          ? f_scales[i % f_scales.size()]
                                         : f_scales[i];
    f_r[i] = s * static_cast<float>(int32_t{f_q[i]} - zp_w);
  }
  std::vector<float> bias_r(out_c);
  for (int32_t oc = 0; oc < out_c; ++oc) {
    bias_r[oc] = s_in * s_w[s_w.size() == 1 ? 0 : oc] * static_cast<float>(bias_q[oc]);
  }

  ConvParams p;
  p.stride_h = c.stride_h, p.stride_w = c.stride_w;
  p.dilation_h = p.dilation_w = c.dilation;
  p.pad_top = ph.pad_before, p.pad_left = pw.pad_before;
  p.depth_multiplier = c.depth_multiplier;

  std::vector<float> real(os.size());
  if (depthwise) {
    DepthwiseConv2DFloat(p, c.in, in_r.data(), fs, f_r.data(), bias_r.data(), os, real.data());
  } else {
    Conv2DFloat(p, c.in, in_r.data(), fs, f_r.data(), bias_r.data(), os, real.data());
  }
  const auto [lo, hi] = std::minmax_element(real.begin(), real.end());
  const float s_out = (*hi - *lo) / static_cast<float>(tmax - tmin);
  const int32_t zp_out =
      std::clamp(tmin + static_cast<int32_t>(std::round(-*lo / s_out)), tmin, tmax);

  p.input_offset = -zp_in;
  p.filter_offset = -zp_w;
  p.output_offset = zp_out;
  p.quant_min = tmin, p.quant_max = tmax;
  for (int32_t oc = 0; oc < out_c; ++oc) {
    const float sw = s_w[s_w.size() == 1 ? 0 : oc];
    const QuantizedMultiplier m =
        QuantizeMultiplier(static_cast<double>(s_in * sw) / static_cast<double>(s_out));
    p.requant.multiplier.push_back(m.multiplier);
    p.requant.shift.push_back(m.shift);
  }
  GuardedBuffer<T> out(os.size());
  if constexpr (kUint8) {
    (depthwise ? DepthwiseConv2DUint8 : Conv2DUint8)(p, c.in, in_q.data(), fs, f_q.data(),
                                                     bias_q.data(), os, out.data());
  } else {
    (depthwise ? DepthwiseConv2DInt8 : Conv2DInt8)(p, c.in, in_q.data(), fs, f_q.data(),
                                                   bias_q.data(), os, out.data());
  }
  ASSERT_TRUE(out.GuardsIntact());
  const auto q = out.values();
  int exact = 0;
  for (size_t i = 0; i < q.size(); ++i) {
    const float expected = std::clamp(real[i] / s_out + static_cast<float>(zp_out),
                                      static_cast<float>(tmin), static_cast<float>(tmax));
    ASSERT_LE(std::abs(static_cast<float>(q[i]) - expected), 1.0f)
        << "element " << i << " real " << real[i];
    if (static_cast<float>(q[i]) == std::round(expected)) ++exact;
  }
  // Most outputs are the correctly rounded value; a systematic offset would break this.
  EXPECT_GE(exact, static_cast<int>(q.size() * 9 / 10));
}

TEST(ConvCrossCheck, Uint8ConvMatchesFloatOnDequantizedValues) {
  uint32_t seed = 100;
  for (const Case& c : kCases) CheckCase<uint8_t>(c, false, false, seed += 10);
}

TEST(ConvCrossCheck, Int8PerChannelConvMatchesFloat) {
  uint32_t seed = 200;
  for (const Case& c : kCases) CheckCase<int8_t>(c, false, true, seed += 10);
}

TEST(ConvCrossCheck, Uint8DepthwiseMatchesFloat) {
  uint32_t seed = 300;
  for (Case c : kCases) {
    for (int32_t m : {1, 2}) {
      c.depth_multiplier = m;
      CheckCase<uint8_t>(c, true, false, seed += 10);
    }
  }
}

TEST(ConvCrossCheck, Int8PerChannelDepthwiseMatchesFloat) {
  uint32_t seed = 400;
  for (Case c : kCases) {
    for (int32_t m : {1, 3}) {
      c.depth_multiplier = m;
      CheckCase<int8_t>(c, true, true, seed += 10);
    }
  }
}

}  // namespace
}  // namespace posenet::ref
