#include "run_executor.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "kernels/optimized/float/float_levels.h"
#include "model/tflite_reader.h"
#include "shared_data.h"

namespace posenet::testing {

std::shared_ptr<const ModelFile> LoadShared(const std::string& relative) {
  auto file = ReadTfliteFile(SharedPath(relative));
  EXPECT_TRUE(file.ok()) << file.message();
  if (!file.ok()) return nullptr;
  return std::make_shared<const ModelFile>(std::move(file).value());
}

Outcome RunOnce(const std::shared_ptr<const ModelFile>& model, const ExecutorOptions& options) {
  return RunOnce(model, std::make_shared<SharedWeights>(model), options);
}

Outcome RunOnce(const std::shared_ptr<const ModelFile>& model,
                const std::shared_ptr<SharedWeights>& shared, const ExecutorOptions& options) {
  Outcome o;
  auto created = Executor::Create(model, shared, options);
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
         std::to_string(o.output_stride) + " row fusion " + (o.row_fusion.enabled ? "on" : "off") +
         " (min " + std::to_string(o.row_fusion.min_tensor_bytes) + " budget " +
         std::to_string(o.row_fusion.buffer_budget_bytes) + ") merge " +
         (o.merge_convs ? "on" : "off");
}

void ExpectSameOutputs(const Outcome& a, const Outcome& b, const std::string& what) {
  ASSERT_EQ(a.outputs.size(), b.outputs.size()) << what;
  for (size_t i = 0; i < b.outputs.size(); ++i) {
    ASSERT_EQ(a.outputs[i].size(), b.outputs[i].size()) << what;
    const size_t n = b.outputs[i].size() / 4;
    const auto* x = reinterpret_cast<const float*>(a.outputs[i].data());
    const auto* y = reinterpret_cast<const float*>(b.outputs[i].data());
    size_t differing = 0, first = n;
    for (size_t j = 0; j < n; ++j) {
      if (std::memcmp(x + j, y + j, 4) != 0 && differing++ == 0) first = j;
    }
    EXPECT_EQ(differing, 0u) << what << ": output " << i << " differs in " << differing << " of "
                             << n << " floats, first at " << first << ": "
                             << (first < n ? x[first] : 0.0f) << " vs "
                             << (first < n ? y[first] : 0.0f);
  }
}

std::vector<IsaLevel> FloatKernelLevels() { return fconv::DistinctFloatLevels(); }

}  // namespace posenet::testing
