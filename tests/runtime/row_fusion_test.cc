// Row-fused chains must give exactly the bytes the layer-by-layer run gives: every element is
// computed by the same kernel code, only in bands. Checked on the float models of
// ../shared/data at several input sizes, output strides (dilated layers at stride 8), SIMD levels
// and thread counts, with the default fusion settings and with settings that force one-row bands,
// the longest chains and buffer moves.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "base/cpu_features.h"
#include "model/tflite_reader.h"
#include "runtime/executor.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::SharedPath;

const char* kDequant481 =
    "data/models/synthetic/posenet_mobilenet_v1_075_dequant_float_481_641.tflite";
const char* kSynthetic257 =
    "data/models/synthetic/synthetic_posenet_mobilenet_v1_100_257x257_float.tflite";

std::shared_ptr<const ModelFile> Load(const std::string& relative) {
  auto file = ReadTfliteFile(SharedPath(relative));
  EXPECT_TRUE(file.ok()) << file.message();
  if (!file.ok()) return nullptr;
  return std::make_shared<const ModelFile>(std::move(file).value());
}

struct Outcome {
  std::vector<std::vector<uint8_t>> outputs;
  int fused_nodes = 0;
  int64_t arena_bytes = 0;
};

// Runs the model once on a seeded picture-like input in [-1, 1].
Outcome RunOnce(const std::shared_ptr<const ModelFile>& model, ExecutorOptions options) {
  Outcome o;
  auto created = Executor::Create(model, options);
  EXPECT_TRUE(created.ok()) << created.message();
  if (!created.ok()) return o;
  Executor& e = **created;
  const int32_t input = e.graph().inputs[0];
  const int64_t count = ByteSize(e.graph().tensor(input)) / 4;
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> value(-1.0f, 1.0f);
  auto* in = reinterpret_cast<float*>(e.data(input));
  for (int64_t i = 0; i < count; ++i) in[i] = value(rng);
  e.Run();
  for (int32_t t : e.graph().outputs) {
    const uint8_t* data = e.data(t);
    o.outputs.emplace_back(data, data + ByteSize(e.graph().tensor(t)));
  }
  for (const OpProfile& p : e.profile()) o.fused_nodes += p.fused_into >= 0 ? 1 : 0;
  o.arena_bytes = e.arena_bytes();
  return o;
}

std::string Describe(const ExecutorOptions& o) {
  return std::string(IsaName(o.isa)) + " " + std::to_string(o.threads) + "t " +
         std::to_string(o.input_height) + "x" + std::to_string(o.input_width) + " stride " +
         std::to_string(o.output_stride) + " min " + std::to_string(o.row_fusion.min_tensor_bytes) +
         " budget " + std::to_string(o.row_fusion.buffer_budget_bytes);
}

void ExpectSameOutputs(const Outcome& fused, const Outcome& whole, const std::string& what) {
  ASSERT_EQ(fused.outputs.size(), whole.outputs.size()) << what;
  for (size_t i = 0; i < whole.outputs.size(); ++i) {
    ASSERT_EQ(fused.outputs[i].size(), whole.outputs[i].size()) << what;
    const size_t n = whole.outputs[i].size() / 4;
    const auto* a = reinterpret_cast<const float*>(fused.outputs[i].data());
    const auto* b = reinterpret_cast<const float*>(whole.outputs[i].data());
    size_t differing = 0, first = n;
    for (size_t j = 0; j < n; ++j) {
      if (std::memcmp(a + j, b + j, 4) != 0) {
        if (differing++ == 0) first = j;
      }
    }
    EXPECT_EQ(differing, 0u) << what << ": output " << i << " differs in " << differing << " of "
                             << n << " floats, first at " << first << ": "
                             << (first < n ? a[first] : 0.0f) << " vs "
                             << (first < n ? b[first] : 0.0f);
  }
}

std::vector<IsaLevel> StreamingLevels() {
  std::vector<IsaLevel> levels;
  for (IsaLevel l : {IsaLevel::kAvx2, IsaLevel::kAvx512}) {
    if (l <= DetectedIsa()) levels.push_back(l);
  }
  return levels;
}

TEST(RowFusion, DefaultChainsGiveTheSameBytesAndASmallerArena) {
  const auto model = Load(kDequant481);
  ASSERT_NE(model, nullptr);
  for (IsaLevel level : StreamingLevels()) {
    for (int threads : {1, 2}) {
      ExecutorOptions options;
      options.isa = level;
      options.threads = threads;
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
    const auto model = Load(c.model);
    ASSERT_NE(model, nullptr);
    for (IsaLevel level : StreamingLevels()) {
      for (int threads : {1, 3}) {
        ExecutorOptions options;
        options.isa = level;
        options.threads = threads;
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
}  // namespace posenet
