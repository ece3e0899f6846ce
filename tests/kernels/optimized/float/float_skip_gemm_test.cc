// The zero-skipping AVX-512 GEMM against the dense one (bit for bit: it leaves out only k where
// a tile's inputs are all exactly 0 and keeps the order of the others) and against sums in
// double precision, over zero fractions 0 to 100 %, zeros shared by whole channels, channel
// tails, row counts around its tile and block sizes, and panel ranges.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "../../kernel_test_util.h"
#include "base/aligned_buffer.h"
#include "base/cpu_features.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_pack.h"

namespace posenet::testing {
namespace {

using fconv::GemmCall;

bool HasAvx512() {
  const std::vector<IsaLevel> levels = SupportedIsas();
  return std::find(levels.begin(), levels.end(), IsaLevel::kAvx512) != levels.end();
}

// Inputs in [0, 6) (as after RELU6) with about `zeros` of them exactly 0.
std::vector<float> ReluLikeInputs(size_t n, double zeros, uint32_t seed) {
  std::vector<float> x = RandomFloats(n, 0.0f, 6.0f, seed);
  const std::vector<float> pick = RandomFloats(n, 0.0f, 1.0f, seed + 7);
  for (size_t i = 0; i < n; ++i) {
    if (pick[i] < zeros) x[i] = 0.0f;
  }
  return x;
}

struct GemmCase {
  int32_t rows, k, n;
  double zeros;
  double dead_channels = 0.0;       // fraction of k zero in every row
  int32_t p_begin = 0, p_end = -1;  // -1: all panels
  float lo = std::numeric_limits<float>::lowest(), hi = std::numeric_limits<float>::max();
};

std::ostream& operator<<(std::ostream& os, const GemmCase& c) {
  return os << c.rows << " rows, k " << c.k << ", n " << c.n << ", zeros " << c.zeros
            << ", dead channels " << c.dead_channels << ", panels [" << c.p_begin << ", " << c.p_end
            << "), clamp [" << c.lo << ", " << c.hi << "]";
}

// Runs the case through GemmAvx512 and through SkipGemmAvx512 with the given limit and
// reports every difference.
void CheckSkipGemm(const GemmCase& c, int32_t max_listed_percent, uint32_t seed) {
  SCOPED_TRACE(::testing::Message() << c << ", limit " << max_listed_percent << "%");
  std::vector<float> a = ReluLikeInputs(size_t(c.rows) * c.k, c.zeros, seed);
  // Channels that are zero in every row, as ReLU outputs have them (whole k left out).
  const std::vector<float> dead = RandomFloats(size_t(c.k), 0.0f, 1.0f, seed + 3);
  for (int32_t kk = 0; kk < c.k; ++kk) {
    if (dead[kk] < c.dead_channels) {
      for (int32_t r = 0; r < c.rows; ++r) a[size_t(r) * c.k + kk] = 0.0f;
    }
  }
  const std::vector<float> filter = RandomFloats(size_t(c.n) * c.k, -0.5f, 0.5f, seed + 1);
  const std::vector<float> bias = RandomFloats(size_t(c.n), -1.0f, 1.0f, seed + 2);
  fconv::PackedGemm packed;
  fconv::PackGemm(filter.data(), bias.data(), c.n, c.k, fconv::kAvx512PanelWidth, 16, packed);

  GemmCall call;
  call.a = a.data(), call.lda = c.k, call.rows = c.rows;
  call.ldc = c.n;
  call.p_begin = c.p_begin, call.p_end = c.p_end < 0 ? packed.view.panels : c.p_end;
  call.lo = c.lo, call.hi = c.hi;
  // A 32-bit product: for wider ones GCC 12 warns that GuardedBuffer's memset could overflow.
  const size_t out_size = static_cast<uint32_t>(c.rows * c.n);
  GuardedBuffer<float> dense(out_size), skip(out_size);
  std::fill(dense.data(), dense.data() + out_size, -7.0f);  // channels outside the panels
  std::fill(skip.data(), skip.data() + out_size, -7.0f);
  call.out = dense.data();
  fconv::GemmAvx512(packed.view, call);
  AlignedBuffer scratch(fconv::SkipGemmScratchBytes(c.k));
  call.out = skip.data();
  fconv::SkipGemmAvx512(packed.view, call, max_listed_percent, scratch.data());
  EXPECT_TRUE(dense.GuardsIntact());
  EXPECT_TRUE(skip.GuardsIntact());

  const int32_t c_begin = call.p_begin * fconv::kAvx512PanelWidth;
  const int32_t c_end = std::min(c.n, call.p_end * fconv::kAvx512PanelWidth);
  int reported = 0;
  for (int32_t r = 0; r < c.rows && reported < 5; ++r) {
    for (int32_t ch = 0; ch < c.n && reported < 5; ++ch) {
      const size_t i = size_t(r) * c.n + ch;
      const float got = skip.data()[i];
      if (std::memcmp(&got, &dense.data()[i], sizeof(float)) != 0) {
        ADD_FAILURE() << "row " << r << " channel " << ch << ": skip " << got << ", dense "
                      << dense.data()[i];
        ++reported;
      }
      double sum = bias[ch];
      for (int32_t kk = 0; kk < c.k; ++kk)
        sum += double{a[size_t(r) * c.k + kk]} * filter[size_t(ch) * c.k + kk];
      const bool inside = ch >= c_begin && ch < c_end;
      const double want = inside ? std::clamp(sum, double{c.lo}, double{c.hi}) : -7.0;
      if (!(std::fabs(got - want) <= 2e-4 + 1e-4 * std::fabs(want))) {
        ADD_FAILURE() << "row " << r << " channel " << ch << ": skip " << got << ", expected "
                      << want;
        ++reported;
      }
    }
  }
}

TEST(FloatSkipGemm, ZeroFractionsAndChannelTails) {
  if (!HasAvx512()) GTEST_SKIP() << "no AVX-512";
  uint32_t seed = 1000;
  for (double zeros : {0.0, 0.5, 0.9, 1.0}) {
    for (int32_t k : {1, 3, 5, 8, 17, 33, 64, 100}) {
      for (int32_t n : {1, 3, 5, 8, 17, 33, 64, 100, 300}) {
        GemmCase c{29, k, n, zeros};
        CheckSkipGemm(c, 100, seed++);
        c.dead_channels = 0.4;
        CheckSkipGemm(c, 100, seed++);
      }
    }
  }
}

// Rows around the tile height (4) and the block of tiles that shares the lists (85 tiles of
// 4 rows for k = 384, 32 for k = 1024).
TEST(FloatSkipGemm, RowCountsAroundTilesAndBlocks) {
  if (!HasAvx512()) GTEST_SKIP() << "no AVX-512";
  ASSERT_EQ(fconv::SkipGemmBlockTiles(384), 85);
  ASSERT_EQ(fconv::SkipGemmBlockTiles(1024), 32);
  uint32_t seed = 2000;
  for (int32_t rows : {1, 2, 3, 4, 5, 7, 8, 9, 13}) {
    GemmCase c{rows, 96, 48, 0.6};
    c.dead_channels = 0.2;
    CheckSkipGemm(c, 100, seed++);
  }
  for (int32_t rows : {339, 340, 341, 683}) {
    GemmCase c{rows, 384, 100, 0.45};
    c.dead_channels = 0.2;
    CheckSkipGemm(c, 100, seed++);
  }
  for (int32_t rows : {127, 128, 129}) CheckSkipGemm({rows, 1024, 40, 0.8}, 100, seed++);
}

// Deep layers, the RELU6 clamp and a narrow one, and panel subsets as the convolution hands
// them out when threads split the output channels (also ranges that split a tile's panels).
TEST(FloatSkipGemm, DeepLayersClampsAndPanelRanges) {
  if (!HasAvx512()) GTEST_SKIP() << "no AVX-512";
  uint32_t seed = 3000;
  GemmCase deep{81, 1024, 1024, 0.5};
  deep.dead_channels = 0.3;
  deep.lo = 0.0f, deep.hi = 6.0f;
  CheckSkipGemm(deep, 100, seed++);
  deep.p_begin = 5, deep.p_end = 19;
  CheckSkipGemm(deep, 100, seed++);
  GemmCase narrow{30, 200, 300, 0.7};  // the last panel of 300 channels is 16 wide
  narrow.lo = -0.5f, narrow.hi = 0.5f;
  CheckSkipGemm(narrow, 100, seed++);
  narrow.p_begin = 8, narrow.p_end = 10;
  CheckSkipGemm(narrow, 100, seed++);
  narrow.p_begin = 1, narrow.p_end = 3;
  CheckSkipGemm(narrow, 100, seed++);
}

// Blocks over the limit run the dense kernel; the choice never changes the result.
TEST(FloatSkipGemm, DenseFallbackGivesTheSameResult) {
  if (!HasAvx512()) GTEST_SKIP() << "no AVX-512";
  uint32_t seed = 4000;
  for (int32_t limit : {0, 50, 92, 100}) {
    for (double zeros : {0.0, 0.5, 0.9}) {
      GemmCase c{400, 130, 70, zeros};
      c.dead_channels = 0.25;
      CheckSkipGemm(c, limit, seed++);
    }
  }
}

// A NaN input reaches the sums as in the dense kernel (it is not taken for a zero); the
// clamp then turns it into the lower bound in both (vmaxps returns its second operand).
TEST(FloatSkipGemm, NanInputsAreNotSkipped) {
  if (!HasAvx512()) GTEST_SKIP() << "no AVX-512";
  const int32_t rows = 5, k = 40, n = 64;
  std::vector<float> a(size_t{rows} * k, 0.0f);
  a[2 * k + 17] = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> filter = RandomFloats(size_t{n} * k, -0.5f, 0.5f, 77);
  fconv::PackedGemm packed;
  fconv::PackGemm(filter.data(), nullptr, n, k, fconv::kAvx512PanelWidth, 16, packed);
  GemmCall call;
  std::vector<float> dense(size_t{rows} * n, 1.0f), skip(size_t{rows} * n, 1.0f);
  call.a = a.data(), call.lda = k, call.rows = rows, call.ldc = n;
  call.p_begin = 0, call.p_end = packed.view.panels;
  call.lo = -5.0f, call.hi = 5.0f;
  call.out = dense.data();
  fconv::GemmAvx512(packed.view, call);
  AlignedBuffer scratch(fconv::SkipGemmScratchBytes(k));
  call.out = skip.data();
  fconv::SkipGemmAvx512(packed.view, call, 100, scratch.data());
  for (int32_t r = 0; r < rows; ++r) {
    for (int32_t ch = 0; ch < n; ++ch) {
      const size_t i = size_t(r) * n + ch;
      EXPECT_EQ(skip[i], r == 2 ? -5.0f : 0.0f) << "row " << r << " channel " << ch;
      EXPECT_EQ(skip[i], dense[i]) << "row " << r << " channel " << ch;
    }
  }
}

}  // namespace
}  // namespace posenet::testing
