#include "graph/shape_inference.h"

#include <gtest/gtest.h>

#include "graph_builder.h"

namespace posenet {
namespace {

using testing::GraphBuilder;

// input [1,H,W,3] -> conv 3x3 s2 (8 ch) -> depthwise 3x3 s1 -> concat with itself on channels.
GraphBuilder SmallNet() {
  GraphBuilder b;
  const int32_t in = b.Tensor("in", {1, 9, 9, 3});
  const int32_t w = b.Constant("w", {8, 3, 3, 3}, std::vector<uint8_t>(8 * 27 * 4));
  const int32_t c1 = b.Tensor("c1", {1, 1, 1, 1});
  const int32_t dw = b.Constant("dw", {1, 3, 3, 8}, std::vector<uint8_t>(72 * 4));
  const int32_t c2 = b.Tensor("c2", {1, 1, 1, 1});
  const int32_t cat = b.Tensor("cat", {1});
  Conv2DOptions conv;
  conv.stride_h = conv.stride_w = 2;
  b.Op(OpCode::kConv2D, {in, w, -1}, {c1}, conv);
  b.Op(OpCode::kDepthwiseConv2D, {c1, dw}, {c2}, DepthwiseConv2DOptions{});
  b.Op(OpCode::kConcatenation, {c1, c2}, {cat}, ConcatenationOptions{-1});
  b.Inputs({in});
  b.Outputs({cat});
  return b;
}

TEST(InferShapes, FollowsTheRequestedInputSize) {
  for (auto [h, w] : {std::pair{9, 9}, {353, 481}, {17, 1}}) {
    GraphBuilder b = SmallNet();
    ASSERT_TRUE(InferShapes(b.graph(), h, w).ok());
    const int32_t oh = (h + 1) / 2, ow = (w + 1) / 2;
    EXPECT_EQ(b.graph().tensor(2).shape, (Shape{1, oh, ow, 8})) << h << "x" << w;
    EXPECT_EQ(b.graph().tensor(5).shape, (Shape{1, oh, ow, 16})) << h << "x" << w;
  }
}

TEST(InferShapes, KeepsTheFileSizeWhenNoneIsGiven) {
  GraphBuilder b = SmallNet();
  ASSERT_TRUE(InferShapes(b.graph(), 0, 0).ok());
  EXPECT_EQ(b.graph().tensor(5).shape, (Shape{1, 5, 5, 16}));
}

TEST(InferShapes, RejectsMismatchedChannels) {
  GraphBuilder b;
  const int32_t in = b.Tensor("in", {1, 4, 4, 2});
  const int32_t w = b.Constant("w", {8, 1, 1, 3}, std::vector<uint8_t>(24 * 4));
  const int32_t out = b.Tensor("out", {1});
  b.Op(OpCode::kConv2D, {in, w}, {out}, Conv2DOptions{});
  b.Inputs({in});
  b.Outputs({out});
  const Status s = InferShapes(b.graph(), 0, 0);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("op 0 'CONV_2D'"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("expects 3 input channels, found 2"), std::string::npos)
      << s.message();
}

TEST(InferShapes, RejectsAnInputTooSmallForValidPadding) {
  GraphBuilder b;
  const int32_t in = b.Tensor("in", {1, 4, 4, 1});
  const int32_t w = b.Constant("w", {1, 3, 3, 1}, std::vector<uint8_t>(9 * 4));
  const int32_t out = b.Tensor("out", {1});
  Conv2DOptions o;
  o.padding = Padding::kValid;
  b.Op(OpCode::kConv2D, {in, w}, {out}, o);
  b.Inputs({in});
  b.Outputs({out});
  EXPECT_FALSE(InferShapes(b.graph(), 2, 2).ok());
  EXPECT_TRUE(InferShapes(b.graph(), 3, 3).ok());
}

TEST(InferShapes, BroadcastsAddAndResolvesReshapeWildcard) {
  GraphBuilder b;
  const int32_t in = b.Tensor("in", {1, 2, 3, 4});
  const int32_t bias = b.Constant("bias", {4}, std::vector<uint8_t>(16));
  const int32_t sum = b.Tensor("sum", {1});
  const int32_t flat = b.Tensor("flat", {1});
  b.Op(OpCode::kAdd, {in, bias}, {sum}, ElementwiseOptions{});
  b.Op(OpCode::kReshape, {sum}, {flat}, ReshapeOptions{{1, -1}});
  b.Inputs({in});
  b.Outputs({flat});
  ASSERT_TRUE(InferShapes(b.graph(), 0, 0).ok());
  EXPECT_EQ(b.graph().tensor(sum).shape, (Shape{1, 2, 3, 4}));
  EXPECT_EQ(b.graph().tensor(flat).shape, (Shape{1, 24}));
}

// Graphs built in code meet the operand counts of ops.inc here, before any rule or kernel
// indexes their operands.
TEST(InferShapes, ChecksOperandCountsAndOmittedInputs) {
  const auto infer = [](OpCode code, std::vector<int32_t> inputs, size_t outputs) {
    GraphBuilder b;
    const int32_t in = b.Tensor("in", {1, 4, 4, 1});
    const int32_t w = b.Constant("w", {1, 1, 1, 1}, std::vector<uint8_t>(4));
    std::vector<int32_t> outs;
    for (size_t i = 0; i < outputs; ++i) outs.push_back(b.Tensor("out", {1}));
    for (int32_t& t : inputs) t = t == 0 ? in : t == 1 ? w : t;
    b.Op(code, inputs, outs,
         code == OpCode::kAdd ? OpOptions(ElementwiseOptions{}) : OpOptions(Conv2DOptions{}));
    b.Inputs({in});
    b.Outputs(outs);
    return InferShapes(b.graph(), 0, 0);
  };
  EXPECT_TRUE(infer(OpCode::kConv2D, {0, 1, -1}, 1).ok());  // the bias may be omitted
  EXPECT_EQ(infer(OpCode::kConv2D, {0}, 1).message(),
            "test.tflite: cannot infer shapes: op 0 'CONV_2D': expected 2 to 3 inputs, found 1");
  EXPECT_EQ(infer(OpCode::kConv2D, {0, 1}, 2).message(),
            "test.tflite: cannot infer shapes: op 0 'CONV_2D': expected 1 outputs, found 2");
  EXPECT_EQ(infer(OpCode::kAdd, {0, -1}, 1).message(),
            "test.tflite: cannot infer shapes: op 0 'ADD': input 1 is missing");
  EXPECT_EQ(infer(OpCode::kAdd, {0, 99}, 1).message(),
            "test.tflite: cannot infer shapes: op 0 'ADD': input 1 is missing");
}

}  // namespace
}  // namespace posenet
