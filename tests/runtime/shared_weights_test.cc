// SharedWeights: what sessions of one model share (runtime/shared_weights.h).
#include "runtime/shared_weights.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <thread>

#include "run_executor.h"

namespace posenet::testing {
namespace {

struct Counted {
  int id = 0;
};

TEST(SharedWeights, OneObjectPerKeyWhileAnyoneHoldsIt) {
  SharedWeights shared(std::make_shared<const ModelFile>());
  int made = 0;
  const auto make = [&]() -> std::unique_ptr<Counted> {
    auto c = std::make_unique<Counted>();
    c->id = ++made;
    return c;
  };
  std::shared_ptr<const Counted> a = shared.Share<Counted>(ShareKey("x", {1, 2}), make);
  std::shared_ptr<const Counted> b = shared.Share<Counted>(ShareKey("x", {1, 2}), make);
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(made, 1);
  std::shared_ptr<const Counted> other = shared.Share<Counted>(ShareKey("x", {1, 3}), make);
  EXPECT_NE(other.get(), a.get());
  EXPECT_EQ(made, 2);
  // Once nobody holds it, the next session prepares it again (and its memory was freed).
  a.reset();
  b.reset();
  std::shared_ptr<const Counted> again = shared.Share<Counted>(ShareKey("x", {1, 2}), make);
  EXPECT_EQ(again->id, 3);
  // Nothing made, nothing shared.
  const auto none = []() -> std::unique_ptr<Counted> { return nullptr; };
  EXPECT_EQ(shared.Share<Counted>(ShareKey("y", {}), none), nullptr);
  EXPECT_EQ(ShareKey("conv", {7, -1}), "conv 7 -1");
}

TEST(SharedWeights, AlignedCopiesOfTheConstants) {
  const std::shared_ptr<const ModelFile> model = LoadShared(kSynthetic257);
  ASSERT_NE(model, nullptr);
  SharedWeights shared(model);
  const std::vector<const uint8_t*>* constants = shared.Constants();
  ASSERT_NE(constants, nullptr);
  ASSERT_EQ(constants->size(), model->tensors.size());
  EXPECT_EQ(shared.Constants(), constants);  // copied once
  int copies = 0;
  for (size_t t = 0; t < model->tensors.size(); ++t) {
    const TensorDef& def = model->tensors[t];
    const uint8_t* copy = (*constants)[t];
    if (!def.is_constant()) {
      EXPECT_EQ(copy, nullptr) << def.name;
      continue;
    }
    ++copies;
    ASSERT_NE(copy, nullptr) << def.name;
    EXPECT_EQ(reinterpret_cast<uintptr_t>(copy) % 64, 0u) << def.name;
    EXPECT_EQ(std::memcmp(copy, def.data.data(), def.data.size()), 0) << def.name;
  }
  EXPECT_GT(copies, 0);
}

// Executors sharing one SharedWeights, created and run on several threads at once, compute
// what an executor of its own computes, byte for byte.
TEST(SharedWeights, ExecutorsOnManyThreadsMatchOneAlone) {
  const std::shared_ptr<const ModelFile> model = LoadShared(kSynthetic257);
  ASSERT_NE(model, nullptr);
  for (IsaLevel isa : FloatKernelLevels()) {
    ExecutorOptions options;
    options.isa = isa;
    const Outcome alone = RunOnce(model, options);
    auto shared = std::make_shared<SharedWeights>(model);
    std::vector<Outcome> outcomes(4);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < outcomes.size(); ++i) {
      threads.emplace_back([&, i] { outcomes[i] = RunOnce(model, shared, options); });
    }
    for (std::thread& t : threads) t.join();
    for (const Outcome& o : outcomes) ExpectSameOutputs(alone, o, Describe(options) + " shared");
  }
}

}  // namespace
}  // namespace posenet::testing
