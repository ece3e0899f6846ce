#include "graph/output_stride.h"

#include <gtest/gtest.h>

#include "graph/shape_inference.h"
#include "graph_builder.h"

namespace posenet {
namespace {

using testing::GraphBuilder;

// A MobileNet-shaped network of native output stride 16: conv 3x3/2, then depthwise 3x3
// blocks with strides 2, 2, 2 (stride 16), a stride-1 block whose pointwise widens the
// channels (like MobileNetV1 block 12 in exported stride-16 models), one more stride-1 block,
// and a 1x1 head with 17 channels.
struct Net {
  GraphBuilder b;
  std::vector<int32_t> depthwise_nodes;
  int32_t head = -1;
};

Net MobileNetLike() {
  Net net;
  GraphBuilder& b = net.b;
  int32_t x = b.Tensor("input", {1, 33, 33, 3});
  b.Inputs({x});
  const auto conv = [&](int32_t in, int32_t k, int32_t cin, int32_t cout, int32_t stride) {
    const int32_t w = b.Constant("w" + std::to_string(in), {cout, k, k, cin},
                                 std::vector<uint8_t>(size_t(cout) * k * k * cin * 4));
    const int32_t out = b.Tensor("conv" + std::to_string(in), {1});
    Conv2DOptions o;
    o.stride_h = o.stride_w = stride;
    b.Op(OpCode::kConv2D, {in, w}, {out}, o);
    return out;
  };
  const auto dw = [&](int32_t in, int32_t c, int32_t stride) {
    const int32_t w = b.Constant("dw" + std::to_string(in), {1, 3, 3, c},
                                 std::vector<uint8_t>(size_t(9) * c * 4));
    const int32_t out = b.Tensor("dwout" + std::to_string(in), {1});
    DepthwiseConv2DOptions o;
    o.stride_h = o.stride_w = stride;
    net.depthwise_nodes.push_back(static_cast<int32_t>(b.graph().nodes.size()));
    b.Op(OpCode::kDepthwiseConv2D, {in, w}, {out}, o);
    return out;
  };
  x = conv(x, 3, 3, 8, 2);
  x = conv(dw(x, 8, 2), 1, 8, 16, 1);
  x = conv(dw(x, 16, 2), 1, 16, 32, 1);
  x = conv(dw(x, 32, 2), 1, 32, 32, 1);
  x = conv(dw(x, 32, 1), 1, 32, 64, 1);  // widens: the layer MobileNet strides last
  x = conv(dw(x, 64, 1), 1, 64, 64, 1);
  net.head = conv(x, 1, 64, 17, 1);
  b.Outputs({net.head});
  return net;
}

const DepthwiseConv2DOptions& DwOptions(Net& net, size_t i) {
  return std::get<DepthwiseConv2DOptions>(net.b.graph().nodes[net.depthwise_nodes[i]].options);
}

TEST(OutputStride, NativeStrideIsTheDownsamplingOfTheOutputs) {
  Net net = MobileNetLike();
  auto stride = NativeOutputStride(net.b.graph());
  ASSERT_TRUE(stride.ok());
  EXPECT_EQ(*stride, 16);
}

TEST(OutputStride, EightDropsTheLastStrideAndDilatesWhatFollows) {
  Net net = MobileNetLike();
  ASSERT_TRUE(SetOutputStride(net.b.graph(), 8).ok());
  EXPECT_EQ(DwOptions(net, 0).stride_h, 2);
  EXPECT_EQ(DwOptions(net, 1).stride_h, 2);
  EXPECT_EQ(DwOptions(net, 2).stride_h, 1);    // the stride-16 layer now runs at stride 1,
  EXPECT_EQ(DwOptions(net, 2).dilation_h, 1);  // undilated (rate before it is 1)
  EXPECT_EQ(DwOptions(net, 3).dilation_h, 2);  // and every 3x3 after it is dilated by 2
  EXPECT_EQ(DwOptions(net, 4).dilation_w, 2);
  EXPECT_EQ(*NativeOutputStride(net.b.graph()), 8);
}

TEST(OutputStride, ThirtyTwoStridesTheLayerBeforeTheWideningPointwise) {
  Net net = MobileNetLike();
  ASSERT_TRUE(SetOutputStride(net.b.graph(), 32).ok());
  EXPECT_EQ(DwOptions(net, 3).stride_h, 2);
  EXPECT_EQ(DwOptions(net, 4).stride_h, 1);
  EXPECT_EQ(DwOptions(net, 4).dilation_h, 1);
  EXPECT_EQ(*NativeOutputStride(net.b.graph()), 32);
}

// Heatmap sizes follow the stride: (H-1)/stride+1 by (W-1)/stride+1 for sizes 16k+1.
TEST(OutputStride, HeatmapSizesFollowTheStride) {
  for (int32_t stride : {8, 16, 32}) {
    for (auto [h, w] : {std::pair{257, 257}, {353, 481}, {129, 225}}) {
      Net net = MobileNetLike();
      ASSERT_TRUE(SetOutputStride(net.b.graph(), stride).ok());
      ASSERT_TRUE(InferShapes(net.b.graph(), h, w).ok());
      EXPECT_EQ(net.b.graph().tensor(net.head).shape,
                (Shape{1, (h - 1) / stride + 1, (w - 1) / stride + 1, 17}))
          << "stride " << stride << " input " << h << "x" << w;
    }
  }
}

TEST(OutputStride, UnreachableStridesAreErrors) {
  Net net = MobileNetLike();
  EXPECT_FALSE(SetOutputStride(net.b.graph(), 12).ok());
  EXPECT_FALSE(SetOutputStride(net.b.graph(), 64).ok());
  ASSERT_TRUE(SetOutputStride(net.b.graph(), 32).ok());
  // From 32, getting back to 16 and 8 works again (strides are dropped).
  Net again = MobileNetLike();
  ASSERT_TRUE(SetOutputStride(again.b.graph(), 8).ok());
}

}  // namespace
}  // namespace posenet
