#include "graph/memory_plan.h"

#include <gtest/gtest.h>

#include "graph/shape_inference.h"
#include "graph_builder.h"

namespace posenet {
namespace {

using testing::GraphBuilder;

// A chain in -> a -> b -> c of float tensors with 16 elements (64 bytes) each: a chain needs
// only two live buffers at any time, so the arena holds two, not four.
TEST(PlanMemory, ReusesBuffersAlongAChain) {
  GraphBuilder b;
  const int32_t in = b.Tensor("in", {1, 1, 1, 16});
  const int32_t t1 = b.Tensor("a", {1, 1, 1, 16});
  const int32_t t2 = b.Tensor("b", {1, 1, 1, 16});
  const int32_t t3 = b.Tensor("c", {1, 1, 1, 16});
  b.Op(OpCode::kRelu, {in}, {t1});
  b.Op(OpCode::kRelu, {t1}, {t2});
  b.Op(OpCode::kRelu, {t2}, {t3});
  b.Inputs({in});
  b.Outputs({t3});
  auto plan = PlanMemory(b.graph());
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->arena_bytes, 128);
  EXPECT_NE(plan->offsets[in], plan->offsets[t1]);
  EXPECT_NE(plan->offsets[t1], plan->offsets[t2]);
  EXPECT_NE(plan->offsets[t2], plan->offsets[t3]);
}

// Nodes 1-3 of in -> a -> b -> c -> d run as one fused step: b and c live only inside it and
// get no space; a (its input) and d (its output) are live together for the whole step, so they
// may not share bytes even though no single node reads a and writes d.
TEST(PlanMemory, FusedStepsKeepTheirInputAndOutputApart) {
  GraphBuilder b;
  const int32_t in = b.Tensor("in", {1, 1, 1, 16});
  const int32_t t1 = b.Tensor("a", {1, 1, 1, 32});  // largest: placed first, at 0
  const int32_t t2 = b.Tensor("b", {1, 1, 1, 16});
  const int32_t t3 = b.Tensor("c", {1, 1, 1, 16});
  const int32_t t4 = b.Tensor("d", {1, 1, 1, 16});
  b.Op(OpCode::kRelu, {in}, {t1});
  b.Op(OpCode::kRelu, {t1}, {t2});
  b.Op(OpCode::kRelu, {t2}, {t3});
  b.Op(OpCode::kRelu, {t3}, {t4});
  b.Inputs({in});
  b.Outputs({t4});
  auto plan = PlanMemory(b.graph(), {}, {FusedNodes{1, 3}});
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->offsets[t2], -1);
  EXPECT_EQ(plan->offsets[t3], -1);
  EXPECT_NE(plan->offsets[t1], plan->offsets[t4]);
  EXPECT_NE(plan->offsets[in], plan->offsets[t1]);
  EXPECT_EQ(plan->arena_bytes, 192);
}

TEST(PlanMemory, KeepAliveTensorsAreNotOverwritten) {
  GraphBuilder b;
  const int32_t in = b.Tensor("in", {1, 1, 1, 16});
  const int32_t t1 = b.Tensor("a", {1, 1, 1, 16});
  const int32_t t2 = b.Tensor("b", {1, 1, 1, 16});
  const int32_t t3 = b.Tensor("c", {1, 1, 1, 16});
  b.Op(OpCode::kRelu, {in}, {t1});
  b.Op(OpCode::kRelu, {t1}, {t2});
  b.Op(OpCode::kRelu, {t2}, {t3});
  b.Inputs({in});
  b.Outputs({t3});
  auto plan = PlanMemory(b.graph(), {t1});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->arena_bytes, 192);
  EXPECT_NE(plan->offsets[t1], plan->offsets[t3]);
  EXPECT_NE(plan->offsets[t1], plan->offsets[t2]);
}

// Every pair of tensors whose lifetimes overlap must occupy disjoint bytes: checked on a
// branching graph (a concat reads two earlier tensors).
TEST(PlanMemory, OverlappingLifetimesGetDisjointBytes) {
  GraphBuilder b;
  const int32_t in = b.Tensor("in", {1, 3, 5, 7});
  const int32_t a = b.Tensor("a", {1});
  const int32_t c = b.Tensor("c", {1});
  const int32_t d = b.Tensor("d", {1});
  b.Op(OpCode::kRelu, {in}, {a});
  b.Op(OpCode::kRelu6, {a}, {c});
  b.Op(OpCode::kConcatenation, {a, c, in}, {d}, ConcatenationOptions{3});
  b.Inputs({in});
  b.Outputs({d});
  ASSERT_TRUE(InferShapes(b.graph(), 0, 0).ok());
  auto plan = PlanMemory(b.graph());
  ASSERT_TRUE(plan.ok());
  const std::vector<int32_t> all = {in, a, c, d};  // all live at the concat
  for (int32_t x : all) {
    for (int32_t y : all) {
      if (x >= y) continue;
      const int64_t x0 = plan->offsets[x], x1 = x0 + ByteSize(b.graph().tensor(x));
      const int64_t y0 = plan->offsets[y], y1 = y0 + ByteSize(b.graph().tensor(y));
      EXPECT_TRUE(x1 <= y0 || y1 <= x0) << x << " and " << y << " overlap";
    }
  }
}

TEST(PlanMemory, RejectsReadingATensorBeforeItIsProduced) {
  GraphBuilder b;
  const int32_t in = b.Tensor("in", {1, 1, 1, 4});
  const int32_t t1 = b.Tensor("a", {1, 1, 1, 4});
  const int32_t t2 = b.Tensor("b", {1, 1, 1, 4});
  b.Op(OpCode::kRelu, {t1}, {t2});
  b.Op(OpCode::kRelu, {in}, {t1});
  b.Inputs({in});
  b.Outputs({t2});
  auto plan = PlanMemory(b.graph());
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.message().find("before any op produces it"), std::string::npos);
}

}  // namespace
}  // namespace posenet
