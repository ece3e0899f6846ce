// Shared by the optimized float convolution tests: one convolution problem built like conv_op
// builds it, run by the optimized kernel on pools of 1, 2 and 3 threads and compared with the
// reference kernel (2e-4 absolute + 1e-4 relative) and with itself across thread counts.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <ostream>
#include <vector>

#include "../../kernel_test_util.h"
#include "base/aligned_buffer.h"
#include "base/cpu_features.h"
#include "base/thread_pool.h"
#include "base/window.h"
#include "kernels/optimized/float/float_levels.h"
#include "kernels/optimized/prepared_conv.h"
#include "kernels/reference/conv.h"

namespace posenet::testing {

struct FloatConvCase {
  bool depthwise = false;
  int32_t n = 1, h = 1, w = 1, in_c = 1, out_c = 1;  // depthwise: out_c = in_c * multiplier
  int32_t kh = 1, kw = 1;
  int32_t stride = 1, dilation = 1;
  Padding padding = Padding::kSame;
  bool bias = true;
  float lo = -3.40282347e38f, hi = 3.40282347e38f;
  // Inputs as after a ReLU: this fraction of them exactly 0, and this fraction of the channels
  // 0 at every pixel. With either set the inputs lie in [0, 1) instead of [-1, 1).
  double zeros = 0.0, dead_channels = 0.0;
};

inline std::ostream& operator<<(std::ostream& os, const FloatConvCase& c) {
  return os << (c.depthwise ? "depthwise " : "conv ") << c.n << "x" << c.h << "x" << c.w << "x"
            << c.in_c << " -> " << c.out_c << " filter " << c.kh << "x" << c.kw << " stride "
            << c.stride << " dilation " << c.dilation
            << (c.padding == Padding::kSame ? " SAME" : " VALID") << (c.bias ? " bias" : "")
            << " clamp [" << c.lo << ", " << c.hi << "]"
            << " zeros " << c.zeros << " dead channels " << c.dead_channels;
}

// Prepares the case at `level`; returns null when no optimized kernel applies. Checks the
// result against the reference at 1, 2 and 3 threads when one does.
inline std::unique_ptr<PreparedConv> CheckFloatConv(const FloatConvCase& c, IsaLevel level,
                                                    uint32_t seed) {
  SCOPED_TRACE(::testing::Message() << c << " at " << IsaName(level));
  ConvProblem pb;
  pb.depthwise = c.depthwise;
  pb.type = DataType::kFloat32;
  ConvParams& p = pb.params;
  p.stride_h = p.stride_w = c.stride;
  p.dilation_h = p.dilation_w = c.dilation;
  p.depth_multiplier = c.depthwise ? c.out_c / c.in_c : 1;
  p.float_min = c.lo, p.float_max = c.hi;
  const WindowPadding py = ComputePadding(c.h, c.kh, c.stride, c.dilation, c.padding);
  const WindowPadding px = ComputePadding(c.w, c.kw, c.stride, c.dilation, c.padding);
  p.pad_top = py.pad_before, p.pad_left = px.pad_before;
  pb.in = Shape4(c.n, c.h, c.w, c.in_c);
  pb.filter = c.depthwise ? Shape4(1, c.kh, c.kw, c.out_c) : Shape4(c.out_c, c.kh, c.kw, c.in_c);
  pb.out = Shape4(c.n, py.out, px.out, c.out_c);
  const bool relu = c.zeros > 0.0 || c.dead_channels > 0.0;
  std::vector<float> in =
      RandomFloats(static_cast<size_t>(pb.in.size()), relu ? 0.0f : -1.0f, 1.0f, seed);
  if (relu) {
    const std::vector<float> pick = RandomFloats(in.size(), 0.0f, 1.0f, seed + 3);
    const std::vector<float> dead = RandomFloats(static_cast<size_t>(c.in_c), 0.0f, 1.0f, seed + 4);
    for (size_t i = 0; i < in.size(); ++i) {
      if (pick[i] < c.zeros || dead[i % static_cast<size_t>(c.in_c)] < c.dead_channels)
        in[i] = 0.0f;
    }
  }
  const std::vector<float> filter =
      RandomFloats(static_cast<size_t>(pb.filter.size()), -0.5f, 0.5f, seed + 1);
  const std::vector<float> bias = RandomFloats(static_cast<size_t>(c.out_c), -1.0f, 1.0f, seed + 2);
  pb.filter_data = filter.data();
  pb.bias_data = c.bias ? bias.data() : nullptr;
  pb.threads = 3;
  auto kernel = PrepareFloatConv(pb, level);
  if (kernel == nullptr) return nullptr;

  const size_t out_size = static_cast<size_t>(pb.out.size());
  std::vector<float> expected(out_size);
  auto* ref_fn = c.depthwise ? &ref::DepthwiseConv2DFloat : &ref::Conv2DFloat;
  ref_fn(p, pb.in, in.data(), pb.filter, filter.data(), pb.bias_data ? bias.data() : nullptr,
         pb.out, expected.data());

  AlignedBuffer scratch(kernel->scratch_bytes());
  std::vector<float> single;
  for (int threads : {1, 2, 3}) {
    SCOPED_TRACE(::testing::Message() << threads << " threads");
    std::unique_ptr<ThreadPool> pool =
        threads > 1 ? std::make_unique<ThreadPool>(threads) : nullptr;
    GuardedBuffer<float> out(out_size);
    kernel->Run(in.data(), out.data(), scratch.data(), pool.get());
    EXPECT_TRUE(out.GuardsIntact());
    const std::vector<float> got = out.values();
    int reported = 0;
    for (size_t i = 0; i < out_size && reported < 5; ++i) {
      const float tolerance = 2e-4f + 1e-4f * std::fabs(expected[i]);
      if (!(std::fabs(got[i] - expected[i]) <= tolerance)) {
        ADD_FAILURE() << "element " << i << " (channel " << i % c.out_c << "): got " << got[i]
                      << ", reference " << expected[i];
        ++reported;
      }
    }
    if (threads == 1) {
      single = got;
    } else {
      EXPECT_EQ(0, std::memcmp(single.data(), got.data(), out_size * sizeof(float)))
          << "result depends on the thread count";
    }
  }
  return kernel;
}

// The SIMD levels this machine runs that have optimized float kernels (each kernel set once).
inline std::vector<IsaLevel> FloatKernelLevels() { return fconv::DistinctFloatLevels(); }

}  // namespace posenet::testing
