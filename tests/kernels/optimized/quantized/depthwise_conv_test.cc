// The optimized uint8/int8 DEPTHWISE_CONV_2D kernels against the reference kernel, byte for
// byte, at every SIMD level the CPU has: channel counts that are not multiples of the vector
// width, 3x3 / 1x1 / other filters, strides, dilations, SAME and VALID padding, rows or columns
// of one pixel, activation clamps, and thread pools of 1 to 3 threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "../../kernel_test_util.h"
#include "base/cpu_features.h"
#include "base/thread_pool.h"
#include "base/window.h"
#include "kernels/optimized/prepared_conv.h"
#include "kernels/quantization.h"
#include "kernels/reference/conv.h"

namespace posenet {
namespace {

using testing::GuardedBuffer;
using testing::RandomInts;

struct Case {
  int32_t n = 1, h = 1, w = 1, c = 1;
  int32_t kh = 3, kw = 3, stride = 1, dilation = 1;
  Padding padding = Padding::kSame;
  bool clamp = false;  // a RELU6-like output range instead of the type's full range
  // A ReLU-like range (quant_min at or above the output zero point) and one shared shift (the
  // 3x3 paths' ReLU form, requant_forms.h); outputs below the zero point are common.
  bool relu = false;
  bool has_bias = true;
  int32_t threads = 1;
  // uint8 weights within 128 of their zero point (as in Coral's models), so that the vpdpbusd
  // int8-weight path applies; some channels need their weights negated to fit.
  bool narrow_weights = false;
  // Requantization outside the kernels' short forms: 1 gives channel 0 a multiplier
  // above 1 (a left shift), 2 gives biases near +-2^30.
  int32_t wide_requant = 0;
};

std::string Describe(const Case& k, IsaLevel level, bool is_signed) {
  std::ostringstream s;
  s << IsaName(level) << (is_signed ? " int8" : " uint8") << " in " << k.n << "x" << k.h << "x"
    << k.w << "x" << k.c << " filter " << k.kh << "x" << k.kw << " stride " << k.stride
    << " dilation " << k.dilation << (k.padding == Padding::kSame ? " SAME" : " VALID")
    << (k.clamp ? " clamped" : "") << (k.relu ? " relu" : "") << (k.has_bias ? "" : " no-bias")
    << (k.narrow_weights ? " narrow-weights" : "") << " wide-requant " << k.wide_requant
    << " threads " << k.threads;
  return s.str();
}

// A problem with random data and quantization: its tensors and the ConvProblem pointing at them.
template <typename T>
struct Problem {
  static constexpr bool kSigned = std::is_same_v<T, int8_t>;
  std::vector<T> input, filter;
  std::vector<int32_t> bias;
  ConvProblem problem;

  Problem(const Case& k, uint32_t seed) {
    std::mt19937 rng(seed);
    const int32_t lo = kSigned ? -128 : 0, hi = kSigned ? 127 : 255;
    auto pick = [&](int32_t a, int32_t b) { return std::uniform_int_distribution(a, b)(rng); };
    const WindowPadding ph = ComputePadding(k.h, k.kh, k.stride, k.dilation, k.padding);
    const WindowPadding pw = ComputePadding(k.w, k.kw, k.stride, k.dilation, k.padding);
    ConvProblem& p = problem;
    p.depthwise = true;
    p.type = kSigned ? DataType::kInt8 : DataType::kUInt8;
    p.in = Dims4{k.n, k.h, k.w, k.c};
    p.filter = Dims4{1, k.kh, k.kw, k.c};
    p.out = Dims4{k.n, ph.out, pw.out, k.c};
    ConvParams& cp = p.params;
    cp.stride_h = cp.stride_w = k.stride;
    cp.dilation_h = cp.dilation_w = k.dilation;
    cp.pad_top = ph.pad_before, cp.pad_left = pw.pad_before;
    cp.depth_multiplier = 1;
    cp.input_offset = -pick(lo, hi);
    cp.filter_offset = kSigned ? 0 : -pick(lo, hi);  // int8 weights are symmetric
    // Zero point 127: weights minus it span [-127, 128]; a channel holding 128 fits int8 only
    // negated.
    if (k.narrow_weights && !kSigned) cp.filter_offset = -127;
    cp.output_offset = pick(lo, hi);
    cp.quant_min = lo, cp.quant_max = hi;
    if (k.clamp) {
      cp.quant_min = std::max(lo, cp.output_offset - 5);
      cp.quant_max = std::min(hi, cp.quant_min + 90);
    }
    // Multipliers that spread the accumulators over the output range, per channel for int8;
    // now and then one above 1 (a left shift).
    const double scale = 1.0 / (k.kh * k.kw * 64.0 * 40.0);
    for (int32_t c = 0; c < k.c; ++c) {
      const int32_t r = kSigned || c == 0 ? pick(0, 99) : -1;
      const QuantizedMultiplier q =
          r < 0   ? QuantizedMultiplier{cp.requant.multiplier[0], cp.requant.shift[0]}
          : r < 3 ? QuantizeMultiplier(1.5 + r)
                  : QuantizeMultiplier(scale * (0.25 + r / 25.0));
      cp.requant.multiplier.push_back(q.multiplier);
      cp.requant.shift.push_back(q.shift);
    }
    if (k.relu) {
      cp.quant_min = std::min(hi, cp.output_offset + pick(0, 2));
      cp.quant_max = std::min(hi, cp.quant_min + 100);
      // One right shift for all channels (int8's per-channel multipliers keep their values).
      const int32_t shift = std::min(cp.requant.shift.back(), -1);
      for (int32_t& s : cp.requant.shift) s = shift;
    }
    input = RandomInts<T>(p.in.size(), lo, hi, seed + 1);
    filter = RandomInts<T>(p.filter.size(), lo, hi, seed + 2);
    if (k.narrow_weights && !kSigned) {
      for (size_t i = 0; i < filter.size(); i += 7) filter[i] = 255;  // many channels need -1
    }
    if (k.has_bias) bias = RandomInts<int32_t>(k.c, -30000, 30000, seed + 3);
    if (k.wide_requant == 1) {
      const QuantizedMultiplier q = QuantizeMultiplier(1.7);
      cp.requant.multiplier[0] = q.multiplier, cp.requant.shift[0] = q.shift;
    }
    if (k.wide_requant == 2) {
      bias = RandomInts<int32_t>(k.c, -(1 << 30), 1 << 30, seed + 4);
      for (int32_t c = 0; c < k.c; ++c) {
        // Scale so that outputs still spread over the range despite the large biases.
        const QuantizedMultiplier q = QuantizeMultiplier(1.0 / (1 << 23) * (1 + c % 5));
        cp.requant.multiplier[c] = q.multiplier, cp.requant.shift[c] = q.shift;
      }
    }
    p.filter_data = filter.data();
    p.bias_data = k.has_bias ? bias.data() : nullptr;
    p.threads = k.threads;
  }

  std::vector<T> Reference() const {
    std::vector<T> out(problem.out.size());
    const int32_t* b = bias.empty() ? nullptr : bias.data();
    if constexpr (kSigned) {
      ref::DepthwiseConv2DInt8(problem.params, problem.in, input.data(), problem.filter,
                               filter.data(), b, problem.out, out.data());
    } else {
      ref::DepthwiseConv2DUint8(problem.params, problem.in, input.data(), problem.filter,
                                filter.data(), b, problem.out, out.data());
    }
    return out;
  }
};

std::vector<IsaLevel> SimdLevels() {
  std::vector<IsaLevel> levels;
  for (IsaLevel l : SupportedIsas()) {
    if (l != IsaLevel::kScalar) levels.push_back(l);
  }
  return levels;
}

// Pools of 2 and 3 threads shared by all tests (null for 1: Run works inline).
ThreadPool* Pool(int32_t threads) {
  static ThreadPool two(2), three(3);
  return threads == 2 ? &two : threads == 3 ? &three : nullptr;
}

template <typename T>
void ExpectMatchesReference(const Case& k, IsaLevel level, uint32_t seed) {
  SCOPED_TRACE(Describe(k, level, std::is_same_v<T, int8_t>));
  const Problem<T> pr(k, seed);
  if (pr.problem.out.size() == 0) return;  // VALID with a window larger than the input
  const std::unique_ptr<PreparedConv> conv = PrepareQuantizedConv(pr.problem, level);
  ASSERT_NE(conv, nullptr);
  const std::vector<T> want = pr.Reference();
  GuardedBuffer<T> got(want.size());
  std::vector<uint8_t> scratch(conv->scratch_bytes() + 64);
  conv->Run(pr.input.data(), got.data(), scratch.data(), Pool(k.threads));
  EXPECT_TRUE(got.GuardsIntact());
  const std::vector<T> values = got.values();
  for (size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(int(values[i]), int(want[i]))
        << "element " << i << " (pixel " << i / k.c << ", channel " << i % k.c << ")";
  }
}

// Spatial sizes: single rows and columns, tiny inputs (windows mostly padding), odd sizes.
struct Spatial {
  int32_t h, w;
};
const Spatial kSpatial[] = {{1, 9}, {8, 1}, {2, 3}, {7, 11}, {12, 10}};

template <typename T>
void SweepEdgeShapes(uint32_t seed) {
  for (IsaLevel level : SimdLevels()) {
    int variant = 0;
    for (int32_t c : {1, 3, 5, 8, 17, 33, 64, 100}) {
      for (auto [kh, kw] : {std::pair{3, 3}, std::pair{1, 1}, std::pair{2, 5}}) {
        for (int32_t stride : {1, 2}) {
          for (int32_t dilation : {1, 2}) {
            for (Padding padding : {Padding::kSame, Padding::kValid}) {
              for (const Spatial& s : kSpatial) {
                ++variant;
                Case k{.n = 1, .h = s.h, .w = s.w, .c = c, .kh = kh, .kw = kw};
                k.stride = stride, k.dilation = dilation, k.padding = padding;
                k.clamp = variant % 3 == 0;
                k.relu = variant % 3 == 1;
                k.has_bias = variant % 7 != 0;
                k.threads = 1 + variant % 3;
                k.narrow_weights = variant % 2 == 0;
                ExpectMatchesReference<T>(k, level, seed + variant);
                if (::testing::Test::HasFatalFailure()) return;
              }
            }
          }
        }
      }
    }
  }
}

TEST(QuantizedDepthwiseConv, Uint8EdgeShapesMatchReference) { SweepEdgeShapes<uint8_t>(100); }

TEST(QuantizedDepthwiseConv, Int8EdgeShapesMatchReference) { SweepEdgeShapes<int8_t>(200); }

// The same problems at 1, 2 and 3 threads, plus batches (rows split across images).
TEST(QuantizedDepthwiseConv, ThreadCountsAndBatchesMatchReference) {
  for (IsaLevel level : SimdLevels()) {
    for (int32_t threads : {1, 2, 3}) {
      for (int32_t n : {1, 2}) {
        Case k{.n = n, .h = 13, .w = 9, .c = 40, .kh = 3, .kw = 3};
        k.threads = threads;
        ExpectMatchesReference<uint8_t>(k, level, 300 + threads);
        k.stride = 2, k.clamp = true;
        ExpectMatchesReference<int8_t>(k, level, 400 + threads);
        k.clamp = false, k.relu = true;
        ExpectMatchesReference<int8_t>(k, level, 450 + threads);
        k.stride = 1;
        ExpectMatchesReference<uint8_t>(k, level, 350 + threads);
      }
    }
  }
}

// Requantizations the kernels' short forms do not cover take the general one.
TEST(QuantizedDepthwiseConv, WideRequantizationMatchesReference) {
  for (IsaLevel level : SimdLevels()) {
    for (int32_t wide : {1, 2}) {
      for (int32_t c : {24, 64, 100}) {
        for (int32_t stride : {1, 2}) {
          Case k{.n = 1, .h = 9, .w = 11, .c = c, .kh = 3, .kw = 3};
          k.stride = stride, k.wide_requant = wide, k.narrow_weights = c != 100;
          ExpectMatchesReference<uint8_t>(k, level, 700 + c + wide);
          ExpectMatchesReference<int8_t>(k, level, 800 + c + wide);
        }
      }
    }
  }
}

// MobileNet's layers (Coral 0.75 at 481x641, output stride 16 and 8) match the reference on
// the real sizes at every level.
TEST(QuantizedDepthwiseConv, MobileNetLayersMatchReference) {
  struct Layer {
    int32_t h, w, c, stride, dilation;
  };
  const Layer layers[] = {{241, 321, 24, 1, 1}, {241, 321, 48, 2, 1}, {121, 161, 96, 1, 1},
                          {61, 81, 192, 1, 1},  {61, 81, 192, 2, 1},  {31, 41, 384, 1, 1},
                          {61, 81, 384, 1, 2},  {61, 81, 384, 1, 4},  {9, 9, 1024, 1, 1}};
  for (IsaLevel level : SimdLevels()) {
    for (const Layer& l : layers) {
      Case k{.n = 1, .h = l.h, .w = l.w, .c = l.c, .kh = 3, .kw = 3};
      k.stride = l.stride, k.dilation = l.dilation, k.clamp = true, k.threads = 2;
      ExpectMatchesReference<uint8_t>(k, level, 500 + l.c);
      k.narrow_weights = true;
      ExpectMatchesReference<uint8_t>(k, level, 600 + l.c);
      // Coral's layers: ReLU6 with one shift per layer.
      k.clamp = false, k.relu = true;
      ExpectMatchesReference<uint8_t>(k, level, 650 + l.c);
      ExpectMatchesReference<int8_t>(k, level, 660 + l.c);
    }
  }
}

// The vpdpbusd levels (avxvnni: blocks of 32 channels, avx512: 64) take the byte path for
// MobileNet's shapes when the weights fit int8.
TEST(QuantizedDepthwiseConv, BytePathAtVnniLevelsForMobileNetShapes) {
  for (IsaLevel level : SimdLevels()) {
    if (level != IsaLevel::kAvxVnni && level != IsaLevel::kAvx512) continue;
    const std::string name = std::string(IsaName(level)) + " dw3x3";
    for (int32_t dilation : {1, 2, 4}) {
      for (bool narrow : {false, true}) {
        Case k{.n = 1, .h = 31, .w = 41, .c = 384, .kh = 3, .kw = 3};
        k.dilation = dilation, k.narrow_weights = narrow;
        const Problem<uint8_t> pr(k, 7);
        const auto conv = PrepareQuantizedConv(pr.problem, level);
        ASSERT_NE(conv, nullptr) << "dilation " << dilation;
        // Weights within 128 of their zero point take the vpdpbusd path.
        EXPECT_EQ(conv->name(), narrow ? name + " vnni" : name);
      }
    }
    // Coral's channel counts, strides 1 and 2.
    for (auto [c, stride] : {std::pair{24, 1}, std::pair{96, 1}, std::pair{192, 2},
                             std::pair{48, 2}, std::pair{96, 2}}) {
      Case k{.n = 1, .h = 31, .w = 41, .c = c, .kh = 3, .kw = 3};
      k.stride = stride, k.narrow_weights = true;
      const Problem<uint8_t> pr(k, 8);
      const auto conv = PrepareQuantizedConv(pr.problem, level);
      ASSERT_NE(conv, nullptr);
      EXPECT_EQ(conv->name(), name + " vnni") << c << " channels, stride " << stride;
    }
  }
}

// Depth multipliers above 1 and the scalar level are left to the reference kernel.
TEST(QuantizedDepthwiseConv, DeclinesWhatItDoesNotCover) {
  Case k{.n = 1, .h = 5, .w = 5, .c = 8, .kh = 3, .kw = 3};
  Problem<uint8_t> pr(k, 9);
  EXPECT_EQ(PrepareQuantizedConv(pr.problem, IsaLevel::kScalar), nullptr);
  pr.problem.params.depth_multiplier = 2;
  pr.problem.in.c = 4;
  for (IsaLevel level : SimdLevels()) EXPECT_EQ(PrepareQuantizedConv(pr.problem, level), nullptr);
}

}  // namespace
}  // namespace posenet
