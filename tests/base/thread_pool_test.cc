#include "base/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <vector>

#include "base/cpu_features.h"

namespace posenet {
namespace {

// Every index in [0, n) is visited exactly once, ranges are grain-aligned and contiguous, and
// there are at most threads() of them, for many (threads, n, grain) combinations.
TEST(ThreadPoolTest, CoversEveryIndexOnceInAlignedRanges) {
  for (int threads : {1, 2, 3, 5}) {
    ThreadPool pool(threads);
    for (int64_t n : {1, 2, 7, 64, 1000}) {
      for (int64_t grain : {1, 4, 16, 2000}) {
        std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
        std::atomic<int> ranges{0};
        pool.ParallelFor(n, grain, [&](int64_t begin, int64_t end) {
          ranges.fetch_add(1);
          EXPECT_EQ(begin % grain, 0) << "threads " << threads << " n " << n;
          EXPECT_LT(begin, end);
          for (int64_t i = begin; i < end; ++i) hits[static_cast<size_t>(i)].fetch_add(1);
        });
        for (int64_t i = 0; i < n; ++i) {
          ASSERT_EQ(hits[static_cast<size_t>(i)].load(), 1)
              << "index " << i << " threads " << threads << " n " << n << " grain " << grain;
        }
        EXPECT_LE(ranges.load(), threads);
        EXPECT_EQ(ranges.load(), std::min<int64_t>(threads, (n + grain - 1) / grain));
      }
    }
  }
}

TEST(ThreadPoolTest, RunsOnSeveralThreadsAndSurvivesManyJobs) {
  ThreadPool pool(2);
  std::atomic<int64_t> sum{0};
  for (int job = 0; job < 2000; ++job) {
    pool.ParallelFor(100, 1, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) sum.fetch_add(i);
    });
  }
  EXPECT_EQ(sum.load(), 2000 * 4950);
}

TEST(ThreadPoolTest, NullPoolRunsInline) {
  int64_t seen_begin = -1, seen_end = -1;
  ParallelFor(nullptr, 10, 4, [&](int64_t b, int64_t e) { seen_begin = b, seen_end = e; });
  EXPECT_EQ(seen_begin, 0);
  EXPECT_EQ(seen_end, 10);
}

TEST(CpuFeaturesTest, LevelsAreOrderedAndNamed) {
  const std::vector<IsaLevel> levels = SupportedIsas();
  ASSERT_FALSE(levels.empty());
  EXPECT_EQ(levels.front(), IsaLevel::kScalar);
  EXPECT_EQ(levels.back(), DetectedIsa());
  EXPECT_LE(ActiveIsa(), DetectedIsa());
  EXPECT_EQ(IsaName(IsaLevel::kScalar), "scalar");
  EXPECT_EQ(IsaName(IsaLevel::kAvx2), "avx2");
  EXPECT_EQ(IsaName(IsaLevel::kAvxVnni), "avxvnni");
  EXPECT_EQ(IsaName(IsaLevel::kAvx512), "avx512");
  EXPECT_EQ(IsaName(IsaLevel::kNeon), "neon");
  EXPECT_EQ(IsaName(IsaLevel::kDotprod), "dotprod");
  EXPECT_EQ(IsaName(IsaLevel::kI8mm), "i8mm");
  EXPECT_EQ(IsaName(IsaLevel::kWasmSimd128), "wasm_simd128");
}

// Names parse to this architecture's levels only, in order; the CPU's are a prefix of them.
TEST(CpuFeaturesTest, LevelsBelongToTheBuildArchitecture) {
  const std::vector<IsaLevel>& arch = ArchIsas();
  ASSERT_FALSE(arch.empty());
  EXPECT_EQ(arch.front(), IsaLevel::kScalar);
  for (size_t i = 0; i < arch.size(); ++i) {
    EXPECT_EQ(IsaFromName(IsaName(arch[i])), arch[i]);
    if (i > 0) {
      EXPECT_LT(arch[i - 1], arch[i]);
    }
  }
  const std::vector<IsaLevel> supported = SupportedIsas();
  ASSERT_LE(supported.size(), arch.size());
  for (size_t i = 0; i < supported.size(); ++i) EXPECT_EQ(supported[i], arch[i]);
  EXPECT_TRUE(IsaSupported(DetectedIsa()));
  EXPECT_EQ(IsaFromName("sse2"), std::nullopt);
#if defined(__x86_64__)
  EXPECT_EQ(arch, (std::vector<IsaLevel>{IsaLevel::kScalar, IsaLevel::kAvx2, IsaLevel::kAvxVnni,
                                         IsaLevel::kAvx512}));
  EXPECT_EQ(IsaFromName("neon"), std::nullopt);
  EXPECT_FALSE(IsaSupported(IsaLevel::kNeon));
#elif defined(__aarch64__)
  EXPECT_EQ(arch, (std::vector<IsaLevel>{IsaLevel::kScalar, IsaLevel::kNeon, IsaLevel::kDotprod,
                                         IsaLevel::kI8mm}));
  EXPECT_EQ(IsaFromName("avx2"), std::nullopt);
  EXPECT_FALSE(IsaSupported(IsaLevel::kAvx2));
  EXPECT_GE(DetectedIsa(), IsaLevel::kNeon);  // Advanced SIMD is part of every AArch64 CPU
#endif
  EXPECT_EQ(IsaFromName("wasm_simd128") != std::nullopt,
            ArchIsas().back() == IsaLevel::kWasmSimd128);
}

// scripts/test-aarch64.sh runs the tests on emulated CPU models and says which level each has
// (POSENET_EXPECT_ISA): detection must find exactly that one.
TEST(CpuFeaturesTest, DetectsTheExpectedLevel) {
  const char* expected = std::getenv("POSENET_EXPECT_ISA");
  if (expected == nullptr || *expected == '\0') GTEST_SKIP() << "POSENET_EXPECT_ISA not set";
  EXPECT_EQ(IsaName(DetectedIsa()), expected);
}

}  // namespace
}  // namespace posenet
