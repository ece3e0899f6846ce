// Row-fused chains must give exactly the bytes the layer-by-layer run gives: every element is
// computed by the same kernel code, only in bands. Checked on the float models of
// ../shared/data at several input sizes, output strides (dilated layers at stride 8), SIMD levels
// and thread counts, with the default fusion settings and with settings that force one-row bands,
// the longest chains and buffer moves. (Merged 1x1 convolutions are off here: merged_convs_test.)
#include <gtest/gtest.h>

#include <vector>

#include "run_executor.h"

namespace posenet::testing {
namespace {

TEST(RowFusion, DefaultChainsGiveTheSameBytesAndASmallerArena) {
  const auto model = LoadShared(kDequant481);
  ASSERT_NE(model, nullptr);
  for (IsaLevel level : FloatKernelLevels()) {
    for (int threads : {1, 2}) {
      ExecutorOptions options;
      options.isa = level;
      options.threads = threads;
      options.merge_convs = false;
      options.row_fusion.enabled = false;
      const Outcome whole = RunOnce(model, options);
      options.row_fusion = RowFusionOptions();
      const Outcome fused = RunOnce(model, options);
      const std::string what = Describe(options);
      EXPECT_GE(fused.fused_nodes, 8) << what << ": the early layers should be fused";
      EXPECT_EQ(whole.fused_nodes, 0) << what;
      EXPECT_LT(fused.arena_bytes, whole.arena_bytes) << what;
      ExpectSameOutputs(fused, whole, what);
    }
  }
}

// Fuses every float edge however small: one-row bands (tiny budget) or whole-height bands
// (huge budget), at sizes whose borders, odd heights and strides differ.
TEST(RowFusion, ExtremeSettingsGiveTheSameBytes) {
  struct Case {
    const char* model;
    int32_t h, w, stride;
  };
  const std::vector<Case> cases = {
      {kDequant481, 97, 129, 16}, {kDequant481, 50, 37, 16},     {kDequant481, 65, 81, 8},
      {kDequant481, 129, 97, 32}, {kSynthetic257, 257, 257, 16}, {kSynthetic257, 33, 1, 16},
  };
  RowFusionOptions tiny, huge;
  tiny.min_tensor_bytes = 0, tiny.buffer_budget_bytes = 1, tiny.max_chain = 64;
  huge.min_tensor_bytes = 0, huge.buffer_budget_bytes = int64_t{1} << 40, huge.max_chain = 64;
  for (const Case& c : cases) {
    const auto model = LoadShared(c.model);
    ASSERT_NE(model, nullptr);
    for (IsaLevel level : FloatKernelLevels()) {
      for (int threads : {1, 3}) {
        ExecutorOptions options;
        options.isa = level;
        options.threads = threads;
        options.merge_convs = false;
        options.input_height = c.h, options.input_width = c.w, options.output_stride = c.stride;
        options.row_fusion.enabled = false;
        const Outcome whole = RunOnce(model, options);
        for (const RowFusionOptions& fusion : {tiny, huge}) {
          options.row_fusion = fusion;
          const Outcome fused = RunOnce(model, options);
          const std::string what = Describe(options);
          EXPECT_GE(fused.fused_nodes, 20) << what;
          ExpectSameOutputs(fused, whole, what);
        }
      }
    }
  }
}

}  // namespace
}  // namespace posenet::testing
