// The optimized quantized CONV_2D (dense_conv*.cc) against the reference kernel, byte for
// byte, at every SIMD level this machine runs, over edge shapes, zero points, clamps and
// thread counts; and the fast path is taken for the MobileNet PoseNet layers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "../../kernel_test_util.h"
#include "base/aligned_buffer.h"
#include "base/cpu_features.h"
#include "base/thread_pool.h"
#include "base/window.h"
#include "kernels/optimized/prepared_conv.h"
#include "kernels/quantization.h"
#include "kernels/reference/conv.h"

namespace posenet {
namespace {

struct ConvCase {
  int32_t batch = 1, h = 1, w = 1, cin = 1, cout = 1;
  int32_t kh = 1, kw = 1, stride = 1, dilation = 1;
  Padding padding = Padding::kSame;
  bool is_signed = false;
  bool clamp = false;         // RELU6-like output range
  bool per_channel = false;   // int8 per-channel multipliers
  bool shared_shift = false;  // per-channel multipliers with one shift (the ReLU form)
  bool bias = true;
  int32_t filter_zero = -1;      // uint8 filter zero point; -1: random
  bool narrow_weights = false;   // all w - zw within int8 (no per-pixel correction needed)
  double multiplier_gain = 1.0;  // > 350: requantization with shift >= 0 (the general path)
  uint32_t seed = 1;
};

std::string Describe(const ConvCase& c) {
  std::ostringstream s;
  s << c.batch << "x" << c.h << "x" << c.w << "x" << c.cin << " -> " << c.cout << " filter " << c.kh
    << "x" << c.kw << " stride " << c.stride << " dilation " << c.dilation
    << (c.padding == Padding::kSame ? " SAME" : " VALID") << (c.is_signed ? " int8" : " uint8")
    << (c.clamp ? " clamped" : "") << (c.per_channel ? " per-channel" : "")
    << (c.shared_shift ? " shared-shift" : "") << (c.bias ? "" : " no-bias") << " filter zero "
    << c.filter_zero << (c.narrow_weights ? " narrow" : "") << " gain " << c.multiplier_gain
    << " seed " << c.seed;
  return s.str();
}

// A problem with random data and parameters; owns the buffers the problem points to.
struct Instance {
  ConvProblem problem;
  std::vector<uint8_t> input, filter;
  std::vector<int32_t> bias;
};

Instance MakeInstance(const ConvCase& c) {
  Instance t;
  std::mt19937 rng(c.seed);
  auto uniform = [&](int32_t lo, int32_t hi) {
    return std::uniform_int_distribution<int32_t>(lo, hi)(rng);
  };
  const int32_t lo = c.is_signed ? -128 : 0, hi = c.is_signed ? 127 : 255;
  ConvProblem& p = t.problem;
  p.type = c.is_signed ? DataType::kInt8 : DataType::kUInt8;
  p.in = Dims4{c.batch, c.h, c.w, c.cin};
  p.filter = Dims4{c.cout, c.kh, c.kw, c.cin};
  const WindowPadding py = ComputePadding(c.h, c.kh, c.stride, c.dilation, c.padding);
  const WindowPadding px = ComputePadding(c.w, c.kw, c.stride, c.dilation, c.padding);
  p.out = Dims4{c.batch, py.out, px.out, c.cout};
  ConvParams& cp = p.params;
  cp.stride_h = cp.stride_w = c.stride;
  cp.dilation_h = cp.dilation_w = c.dilation;
  cp.pad_top = py.pad_before, cp.pad_left = px.pad_before;
  cp.input_offset = -uniform(lo, hi);
  cp.filter_offset = c.is_signed ? 0 : c.filter_zero >= 0 ? -c.filter_zero : -uniform(lo, hi);
  cp.output_offset = uniform(lo, hi);
  if (c.clamp) {
    cp.quant_min = std::max(lo, cp.output_offset);
    cp.quant_max = std::min(hi, cp.quant_min + 90);
  } else {
    cp.quant_min = lo, cp.quant_max = hi;
  }
  // Spread the outputs over the range: accumulators grow like sqrt(K) * 75^2.
  const int64_t k = int64_t{c.kh} * c.kw * c.cin;
  const double scale = c.multiplier_gain * 40.0 / (std::sqrt(static_cast<double>(k)) * 75.0 * 75.0);
  cp.requant = testing::RepeatedRequant(scale, c.cout);
  if (c.per_channel) {
    for (int32_t n = 0; n < c.cout; ++n) {
      const QuantizedMultiplier q = QuantizeMultiplier(scale * (0.25 + 0.1 * uniform(0, 30)));
      cp.requant.multiplier[n] = q.multiplier;
      cp.requant.shift[n] = q.shift;
    }
  }
  if (c.shared_shift) {
    for (int32_t n = 0; n < c.cout; ++n) cp.requant.shift[n] = cp.requant.shift[0];
  }
  t.input = testing::RandomInts<uint8_t>(p.in.size(), lo, hi, c.seed * 7 + 1);
  const int32_t zw = -cp.filter_offset;
  t.filter = c.narrow_weights
                 ? testing::RandomInts<uint8_t>(p.filter.size(), std::max(lo, zw - 128),
                                                std::min(hi, zw + 127), c.seed * 7 + 2)
                 : testing::RandomInts<uint8_t>(p.filter.size(), lo, hi, c.seed * 7 + 2);
  if (c.bias) t.bias = testing::RandomInts<int32_t>(c.cout, -30000, 30000, c.seed * 7 + 3);
  p.filter_data = t.filter.data();
  p.bias_data = c.bias ? t.bias.data() : nullptr;
  return t;
}

std::vector<uint8_t> Reference(const Instance& t) {
  const ConvProblem& p = t.problem;
  std::vector<uint8_t> out(p.out.size());
  const int32_t* bias = t.bias.empty() ? nullptr : t.bias.data();
  if (p.type == DataType::kInt8) {
    ref::Conv2DInt8(p.params, p.in, reinterpret_cast<const int8_t*>(t.input.data()), p.filter,
                    reinterpret_cast<const int8_t*>(t.filter.data()), bias, p.out,
                    reinterpret_cast<int8_t*>(out.data()));
  } else {
    ref::Conv2DUint8(p.params, p.in, t.input.data(), p.filter, t.filter.data(), bias, p.out,
                     out.data());
  }
  return out;
}

std::vector<IsaLevel> SimdLevels() {
  std::vector<IsaLevel> levels;
  for (IsaLevel level : SupportedIsas()) {
    if (level != IsaLevel::kScalar) levels.push_back(level);
  }
  return levels;
}

// Runs the optimized kernel at `level` with 1, 2 and 3 threads; each must equal the reference.
void ExpectMatchesReference(const ConvCase& c) {
  SCOPED_TRACE(Describe(c));
  Instance t = MakeInstance(c);
  const std::vector<uint8_t> want = Reference(t);
  ASSERT_FALSE(want.empty()) << "the case has no output";
  for (IsaLevel level : SimdLevels()) {
    SCOPED_TRACE(std::string(IsaName(level)));
    for (int threads : {1, 2, 3}) {
      SCOPED_TRACE("threads " + std::to_string(threads));
      t.problem.threads = threads;
      const std::unique_ptr<PreparedConv> conv = PrepareQuantizedConv(t.problem, level);
      ASSERT_NE(conv, nullptr);
      ThreadPool pool(threads);
      AlignedBuffer scratch(conv->scratch_bytes());
      testing::GuardedBuffer<uint8_t> got(want.size());
      conv->Run(t.input.data(), got.data(), scratch.data(), threads > 1 ? &pool : nullptr);
      ASSERT_TRUE(got.GuardsIntact());
      const std::vector<uint8_t> values = got.values();
      for (size_t i = 0; i < want.size(); ++i) {
        ASSERT_EQ(int(values[i]), int(want[i]))
            << "element " << i << " (pixel " << i / c.cout << ", channel " << i % c.cout << ")";
      }
    }
  }
}

TEST(QuantizedDenseConv, PointwiseChannelCounts) {
  uint32_t seed = 1;
  for (int32_t cin : {1, 3, 5, 8, 17, 33, 64, 100}) {
    for (int32_t cout : {1, 3, 5, 8, 17, 33, 64, 100}) {
      ConvCase c;
      c.h = 5, c.w = 7, c.cin = cin, c.cout = cout, c.seed = seed++;
      ExpectMatchesReference(c);
    }
  }
}

TEST(QuantizedDenseConv, PointwiseTileAndPanelTails) {
  // Rows: 1, tile heights +-1 (6, 8, 12), odd; channels around the panel widths.
  uint32_t seed = 100;
  for (const auto& [h, w] : {std::pair{1, 1}, {1, 7}, {3, 3}, {1, 13}, {9, 9}, {11, 23}}) {
    for (int32_t cout : {16, 24, 31, 32, 47, 48, 49, 60, 64, 96, 97, 120, 190}) {
      ConvCase c;
      c.h = h, c.w = w, c.cin = 24, c.cout = cout, c.seed = seed++;
      ExpectMatchesReference(c);
    }
  }
}

TEST(QuantizedDenseConv, PointwiseStridedAndPadded) {
  uint32_t seed = 200;
  for (int32_t stride : {1, 2}) {
    for (Padding padding : {Padding::kSame, Padding::kValid}) {
      ConvCase c;
      c.h = 9, c.w = 10, c.cin = 20, c.cout = 19, c.stride = stride, c.padding = padding;
      c.seed = seed++;
      ExpectMatchesReference(c);
    }
  }
}

TEST(QuantizedDenseConv, SpatialFilters) {
  uint32_t seed = 300;
  for (int32_t k : {2, 3, 5}) {
    for (int32_t stride : {1, 2}) {
      for (int32_t dilation : {1, 2}) {
        for (Padding padding : {Padding::kSame, Padding::kValid}) {
          for (int32_t cin : {1, 3, 8, 17}) {
            ConvCase c;
            c.h = 11, c.w = 12, c.cin = cin, c.cout = cin == 3 ? 24 : 13;
            c.kh = c.kw = k, c.stride = stride, c.dilation = dilation, c.padding = padding;
            c.seed = seed++;
            ExpectMatchesReference(c);
          }
        }
      }
    }
  }
}

TEST(QuantizedDenseConv, ThinImagesAndRectangularFilters) {
  uint32_t seed = 400;
  for (const auto& [h, w] : {std::pair{1, 9}, {9, 1}, {1, 1}, {2, 3}}) {
    for (const auto& [kh, kw] : {std::pair{3, 3}, {1, 3}, {3, 1}}) {
      ConvCase c;
      c.h = h, c.w = w, c.cin = 5, c.cout = 7, c.kh = kh, c.kw = kw, c.seed = seed++;
      ExpectMatchesReference(c);
    }
  }
}

TEST(QuantizedDenseConv, ClampsZeroPointsBiasAndSignedTypes) {
  uint32_t seed = 500;
  for (bool is_signed : {false, true}) {
    for (bool clamp : {false, true}) {
      for (bool bias : {false, true}) {
        for (int32_t k : {1, 3}) {
          ConvCase c;
          c.h = 7, c.w = 6, c.cin = 33, c.cout = 40, c.kh = c.kw = k;
          c.is_signed = is_signed, c.clamp = clamp, c.bias = bias;
          c.per_channel = is_signed, c.seed = seed++;
          ExpectMatchesReference(c);
          if (is_signed && clamp) {
            c.shared_shift = true;
            ExpectMatchesReference(c);
          }
        }
      }
    }
  }
}

// Filter zero points where w - zw fits int8 for every weight (the kernel then drops the
// per-pixel term), including 128, and ones where it does not.
TEST(QuantizedDenseConv, FilterZeroPoints) {
  uint32_t seed = 800;
  for (int32_t zw : {0, 1, 100, 127, 128, 129, 200, 255}) {
    for (bool narrow : {false, true}) {
      for (int32_t k : {1, 3}) {
        ConvCase c;
        c.h = 7, c.w = 10, c.cin = 24, c.cout = 48, c.kh = c.kw = k;
        c.filter_zero = zw, c.narrow_weights = narrow, c.seed = seed++;
        ExpectMatchesReference(c);
      }
    }
  }
}

// Multipliers of 0.5..4 (shift 0, 1, 2): most outputs saturate, those near zero do not.
TEST(QuantizedDenseConv, LeftShiftsAndUnitShifts) {
  uint32_t seed = 700;
  for (double gain : {400.0, 800.0, 1500.0, 3000.0}) {
    for (bool is_signed : {false, true}) {
      ConvCase c;
      c.h = 30, c.w = 31, c.cin = 3, c.cout = 21, c.kh = c.kw = 3, c.is_signed = is_signed;
      c.per_channel = is_signed, c.multiplier_gain = gain, c.seed = seed++;
      ExpectMatchesReference(c);
    }
  }
}

TEST(QuantizedDenseConv, MobileNetLayers) {
  // The Coral PoseNet's first layer and a late pointwise layer at their real sizes, and a
  // wide layer of the 1.0 models at 9x9 (channel split between threads).
  ConvCase first;
  first.h = 161, first.w = 121, first.cin = 3, first.cout = 24, first.kh = first.kw = 3;
  first.stride = 2, first.clamp = true, first.seed = 600;
  ExpectMatchesReference(first);
  ConvCase late;
  late.h = 31, late.w = 41, late.cin = 384, late.cout = 384, late.clamp = true, late.seed = 601;
  ExpectMatchesReference(late);
  ConvCase wide;
  wide.h = 9, wide.w = 9, wide.cin = 1024, wide.cout = 1024, wide.seed = 602;
  ExpectMatchesReference(wide);
}

// At the vpdpbusd levels every PoseNet layer gets the level's kernel, its 1x1 layers reading
// their rows in place.
TEST(QuantizedDenseConv, FastPathCoversPoseNetShapesAtVnniLevels) {
  struct Layer {
    int32_t h, w, cin, cout, k, stride;
  };
  for (IsaLevel level : SimdLevels()) {
    if (level != IsaLevel::kAvxVnni && level != IsaLevel::kAvx512) continue;
    const std::string prefix = level == IsaLevel::kAvx512 ? "avx512-vnni " : "avxvnni ";
    for (const Layer& l : {Layer{481, 641, 3, 24, 3, 2}, Layer{241, 321, 24, 48, 1, 1},
                           Layer{121, 161, 48, 96, 1, 1}, Layer{121, 161, 96, 96, 1, 1},
                           Layer{61, 81, 96, 192, 1, 1}, Layer{31, 41, 192, 384, 1, 1},
                           Layer{31, 41, 384, 384, 1, 1}, Layer{31, 41, 384, 17, 1, 1},
                           Layer{31, 41, 384, 34, 1, 1}, Layer{9, 9, 1024, 1024, 1, 1}}) {
      ConvCase c;
      c.h = l.h, c.w = l.w, c.cin = l.cin, c.cout = l.cout, c.kh = c.kw = l.k, c.stride = l.stride;
      SCOPED_TRACE(Describe(c));
      const Instance t = MakeInstance(c);
      const std::unique_ptr<PreparedConv> conv = PrepareQuantizedConv(t.problem, level);
      ASSERT_NE(conv, nullptr);
      EXPECT_EQ(conv->name(), prefix + (l.k == 1 ? "1x1" : "im2col 3x3"));
    }
  }
}

TEST(QuantizedDenseConv, Batches) {
  uint32_t seed = 900;
  for (int32_t k : {1, 3}) {
    ConvCase c;
    c.batch = 3, c.h = 5, c.w = 6, c.cin = 12, c.cout = 20, c.kh = c.kw = k, c.seed = seed++;
    ExpectMatchesReference(c);
  }
}

// The int32 sum of K products of up to 255 * 255 fits for K = 33000 but not beyond 33025;
// beyond that no fast kernel is offered (the reference runs).
TEST(QuantizedDenseConv, AccumulatorBound) {
  ConvCase fits;
  fits.cin = 33000, fits.cout = 5, fits.bias = false, fits.seed = 950;
  ExpectMatchesReference(fits);
  ConvCase too_deep;
  too_deep.cin = 33100, too_deep.cout = 5, too_deep.bias = false;
  const Instance t = MakeInstance(too_deep);
  for (IsaLevel level : SimdLevels()) {
    EXPECT_EQ(PrepareQuantizedConv(t.problem, level), nullptr) << IsaName(level);
  }
}

TEST(QuantizedDenseConv, ScalarLevelFallsBackToReference) {
  ConvCase c;
  c.h = 4, c.w = 4, c.cin = 8, c.cout = 8;
  const Instance t = MakeInstance(c);
  EXPECT_EQ(PrepareQuantizedConv(t.problem, IsaLevel::kScalar), nullptr);
}

}  // namespace
}  // namespace posenet
