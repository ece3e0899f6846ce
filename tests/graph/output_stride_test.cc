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

// Options for the tail: Coral's exported 0.75 models keep 384 channels through blocks 12-13
// (no widening), and atrous exports dilate block 13 by 2 in place of block 12's stride.
struct Tail {
  bool widen = true;
  int32_t last_dilation = 1;
};

Net MobileNetLike(Tail tail = {}) {
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
  const auto dw = [&](int32_t in, int32_t c, int32_t stride, int32_t dilation = 1) {
    const int32_t w = b.Constant("dw" + std::to_string(in), {1, 3, 3, c},
                                 std::vector<uint8_t>(size_t(9) * c * 4));
    const int32_t out = b.Tensor("dwout" + std::to_string(in), {1});
    DepthwiseConv2DOptions o;
    o.stride_h = o.stride_w = stride;
    o.dilation_h = o.dilation_w = dilation;
    net.depthwise_nodes.push_back(static_cast<int32_t>(b.graph().nodes.size()));
    b.Op(OpCode::kDepthwiseConv2D, {in, w}, {out}, o);
    return out;
  };
  x = conv(x, 3, 3, 8, 2);
  x = conv(dw(x, 8, 2), 1, 8, 16, 1);
  x = conv(dw(x, 16, 2), 1, 16, 32, 1);
  x = conv(dw(x, 32, 2), 1, 32, 32, 1);
  const int32_t wide = tail.widen ? 64 : 32;
  x = conv(dw(x, 32, 1), 1, 32, wide, 1);  // block 12: the layer MobileNet strides last
  x = conv(dw(x, wide, 1, tail.last_dilation), 1, wide, wide, 1);
  net.head = conv(x, 1, wide, 17, 1);
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

// A model trained at stride 16 without atrous: the last spatial layer gets the stride, so
// everything before it is computed as trained.
TEST(OutputStride, ThirtyTwoStridesTheLastSpatialLayerOfNonAtrousModels) {
  Net net = MobileNetLike();
  ASSERT_TRUE(SetOutputStride(net.b.graph(), 32).ok());
  EXPECT_EQ(DwOptions(net, 3).stride_h, 1);
  EXPECT_EQ(DwOptions(net, 4).stride_h, 2);
  EXPECT_EQ(DwOptions(net, 4).stride_w, 2);
  EXPECT_EQ(DwOptions(net, 4).dilation_h, 1);
  EXPECT_EQ(*NativeOutputStride(net.b.graph()), 32);
}

// Coral's layout: no widening pointwise after block 12; channel counts do not matter.
TEST(OutputStride, ThirtyTwoWithoutWideningStridesTheLastSpatialLayer) {
  Net net = MobileNetLike({.widen = false});
  ASSERT_TRUE(SetOutputStride(net.b.graph(), 32).ok());
  EXPECT_EQ(DwOptions(net, 2).stride_h, 2);  // strided before: untouched
  EXPECT_EQ(DwOptions(net, 3).stride_h, 1);
  EXPECT_EQ(DwOptions(net, 4).stride_h, 2);
  EXPECT_EQ(*NativeOutputStride(net.b.graph()), 32);
}

// An atrous stride-16 export: block 13 dilated by 2. Raising to 32 undoes the dilation;
// lowering to 8 multiplies it by the new rate (2 * 2).
TEST(OutputStride, AtrousExportsKeepTheirRatesConsistent) {
  Net up = MobileNetLike({.last_dilation = 2});
  ASSERT_TRUE(SetOutputStride(up.b.graph(), 32).ok());
  EXPECT_EQ(DwOptions(up, 3).stride_h, 2);
  EXPECT_EQ(DwOptions(up, 4).dilation_h, 1);
  EXPECT_EQ(DwOptions(up, 4).dilation_w, 1);
  Net down = MobileNetLike({.last_dilation = 2});
  ASSERT_TRUE(SetOutputStride(down.b.graph(), 8).ok());
  EXPECT_EQ(DwOptions(down, 3).dilation_h, 2);
  EXPECT_EQ(DwOptions(down, 4).dilation_h, 4);
  EXPECT_EQ(*NativeOutputStride(down.b.graph()), 8);
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
  EXPECT_FALSE(SetOutputStride(net.b.graph(), 64).ok());  // the last layer is strided already
  // From 32, getting back to 16 and 8 works again (strides are dropped).
  Net again = MobileNetLike();
  ASSERT_TRUE(SetOutputStride(again.b.graph(), 8).ok());
}

}  // namespace
}  // namespace posenet
