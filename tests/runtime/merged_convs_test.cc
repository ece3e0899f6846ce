// PoseNet's four head convolutions read the same tensor and run as one GEMM: the outputs must be
// the bytes the four separate convolutions give, at every SIMD level with float kernels, at
// 1 to 3 threads, and at input sizes whose pixel counts are below, at and above the GEMM's row
// blocks.
#include <gtest/gtest.h>

#include <vector>

#include "run_executor.h"

namespace posenet::testing {
namespace {

TEST(MergedConvs, HeadsAsOneGemmGiveTheSameBytes) {
  struct Case {
    const char* model;
    int32_t h, w;  // 0: the file's own
  };
  // Head grids: 31x41, 1x1, 7x7 (49 pixels), 13x15 (195), 9x9 and 17x9.
  const std::vector<Case> cases = {{kDequant481, 0, 0},   {kDequant481, 17, 17},
                                   {kDequant481, 97, 97}, {kDequant481, 193, 225},
                                   {kSynthetic257, 0, 0}, {kSynthetic257, 513, 257}};
  for (const Case& c : cases) {
    const auto model = LoadShared(c.model);
    ASSERT_NE(model, nullptr);
    for (IsaLevel level : FloatKernelLevels()) {
      for (int threads : {1, 2, 3}) {
        ExecutorOptions options;
        options.isa = level;
        options.threads = threads;
        options.input_height = c.h, options.input_width = c.w;
        options.row_fusion.enabled = false;
        options.merge_convs = false;
        const Outcome separate = RunOnce(model, options);
        options.merge_convs = true;
        const Outcome merged = RunOnce(model, options);
        const std::string what = Describe(options);
        EXPECT_EQ(separate.fused_nodes, 0) << what;
        EXPECT_EQ(merged.fused_nodes, 4) << what << ": the four heads should run as one GEMM";
        ExpectSameOutputs(merged, separate, what);
      }
    }
  }
}

}  // namespace
}  // namespace posenet::testing
