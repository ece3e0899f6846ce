// The reference kernels against TFLite on a real network: Coral's uint8 PoseNet (353x481) run
// op by op through ref::Conv2DUint8 / DepthwiseConv2DUint8 / ConcatenationUint8 must reproduce
// every byte of the head tensors in ../shared/data/reference/raw, which TFLite's reference
// integer kernels computed. A one-LSB slip anywhere grows through the 28 layers, so this pins
// the whole requantization chain (multipliers, both roundings, padding, clamps).
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "base/window.h"
#include "kernels/activation.h"
#include "kernels/quantization.h"
#include "kernels/reference/concatenation.h"
#include "kernels/reference/conv.h"
#include "model/tflite_reader.h"
#include "shared_data.h"

namespace posenet::ref {
namespace {

using ::posenet::testing::ReadBytes;
using ::posenet::testing::SharedPath;

Dims4 RightAligned(const Shape& s) {
  int32_t d[4] = {1, 1, 1, 1};
  for (size_t i = 0; i < s.size(); ++i) d[4 - s.size() + i] = s[i];
  return Dims4{d[0], d[1], d[2], d[3]};
}

int32_t ZeroPoint(const TensorDef& t) { return static_cast<int32_t>(t.quantization.zero_point[0]); }

void RunConv(const ModelFile& m, const OperatorDef& op, std::vector<std::vector<uint8_t>>& buf) {
  const bool depthwise = op.code == OpCode::kDepthwiseConv2D;
  const TensorDef& in = m.tensors[op.inputs[0]];
  const TensorDef& filter = m.tensors[op.inputs[1]];
  const TensorDef& out = m.tensors[op.outputs[0]];
  const Dims4 is = RightAligned(in.shape), fs = RightAligned(filter.shape);
  const Dims4 os = RightAligned(out.shape);
  ConvParams p;
  Padding padding;
  Activation activation;
  if (depthwise) {
    const auto& o = std::get<DepthwiseConv2DOptions>(op.options);
    padding = o.padding, activation = o.activation;
    p.stride_h = o.stride_h, p.stride_w = o.stride_w;
    p.dilation_h = o.dilation_h, p.dilation_w = o.dilation_w;
    p.depth_multiplier = o.depth_multiplier;
  } else {
    const auto& o = std::get<Conv2DOptions>(op.options);
    padding = o.padding, activation = o.activation;
    p.stride_h = o.stride_h, p.stride_w = o.stride_w;
    p.dilation_h = o.dilation_h, p.dilation_w = o.dilation_w;
  }
  const WindowPadding ph = ComputePadding(is.h, fs.h, p.stride_h, p.dilation_h, padding);
  const WindowPadding pw = ComputePadding(is.w, fs.w, p.stride_w, p.dilation_w, padding);
  ASSERT_EQ(ph.out, os.h);
  ASSERT_EQ(pw.out, os.w);
  p.pad_top = ph.pad_before;
  p.pad_left = pw.pad_before;
  p.input_offset = -ZeroPoint(in);
  p.filter_offset = -ZeroPoint(filter);
  p.output_offset = ZeroPoint(out);
  std::tie(p.quant_min, p.quant_max) = CalculateActivationRangeQuantized(
      activation, out.quantization.scale[0], ZeroPoint(out), DataType::kUInt8);
  const QuantizedMultiplier q = ConvolutionMultiplier(
      in.quantization.scale[0], filter.quantization.scale[0], out.quantization.scale[0]);
  p.requant.multiplier.assign(os.c, q.multiplier);
  p.requant.shift.assign(os.c, q.shift);
  const int32_t* bias = op.inputs.size() > 2 && op.inputs[2] >= 0
                            ? reinterpret_cast<const int32_t*>(buf[op.inputs[2]].data())
                            : nullptr;
  (depthwise ? DepthwiseConv2DUint8 : Conv2DUint8)(p, is, buf[op.inputs[0]].data(), fs,
                                                   buf[op.inputs[1]].data(), bias, os,
                                                   buf[op.outputs[0]].data());
}

void RunConcat(const ModelFile& m, const OperatorDef& op, std::vector<std::vector<uint8_t>>& buf) {
  const TensorDef& out = m.tensors[op.outputs[0]];
  const int32_t rank = static_cast<int32_t>(out.shape.size());
  const int32_t axis = std::get<ConcatenationOptions>(op.options).axis;
  ConcatParams p;
  p.axis = (axis < 0 ? axis + rank : axis) + 4 - rank;
  p.output = {out.quantization.scale[0], ZeroPoint(out)};
  std::vector<Dims4> shapes;
  std::vector<const uint8_t*> inputs;
  for (int32_t i : op.inputs) {
    const TensorDef& t = m.tensors[i];
    shapes.push_back(RightAligned(t.shape));
    inputs.push_back(buf[i].data());
    p.inputs.push_back({t.quantization.scale[0], ZeroPoint(t)});
  }
  ConcatenationUint8(p, shapes, inputs, RightAligned(out.shape), buf[op.outputs[0]].data());
}

TEST(ReferenceKernelsOnPosenet, Uint8HeadsMatchTfliteBytes) {
  const std::string dir = "data/reference/raw/test_couple_353x481/";
  auto model =
      ReadTfliteFile(SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant.tflite"));
  ASSERT_TRUE(model.ok()) << model.status().message();
  const ModelFile& m = *model;

  // One buffer per tensor: constants copied, activations sized from their shapes.
  std::vector<std::vector<uint8_t>> buf(m.tensors.size());
  for (size_t i = 0; i < m.tensors.size(); ++i) {
    const TensorDef& t = m.tensors[i];
    if (t.is_constant()) {
      buf[i].assign(t.data.begin(), t.data.end());
    } else {
      int64_t n = 1;
      for (int32_t d : t.shape) n *= d;
      buf[i].resize(static_cast<size_t>(n) * SizeOf(t.type));
    }
  }
  ASSERT_EQ(m.inputs.size(), 1u);
  buf[m.inputs[0]] = ReadBytes(SharedPath(dir + "input.u8"));
  ASSERT_EQ(buf[m.inputs[0]].size(), 353u * 481 * 3);

  for (const OperatorDef& op : m.operators) {
    ASSERT_EQ(m.tensors[op.inputs[0]].type, DataType::kUInt8);
    switch (op.code) {
      case OpCode::kConv2D:
      case OpCode::kDepthwiseConv2D:
        RunConv(m, op, buf);
        break;
      case OpCode::kConcatenation:
        RunConcat(m, op, buf);
        break;
      default:
        FAIL() << "unexpected op " << OpName(op.code);
    }
  }

  const std::map<std::string, std::string> heads = {
      {"float_heatmaps", "quant.heatmaps.u8"},
      {"float_short_offsets", "quant.short_offsets.u8"},
      {"float_mid_offsets", "quant.mid_offsets.u8"}};
  int checked = 0;
  for (int32_t out : m.outputs) {
    const auto it = heads.find(m.tensors[out].name);
    ASSERT_NE(it, heads.end()) << "unexpected output " << m.tensors[out].name;
    const std::vector<uint8_t> expected = ReadBytes(SharedPath(dir + it->second));
    ASSERT_EQ(buf[out].size(), expected.size()) << it->first;
    size_t differing = 0;
    for (size_t k = 0; k < expected.size(); ++k) differing += buf[out][k] != expected[k];
    EXPECT_EQ(differing, 0u) << it->first << ": " << differing << " of " << expected.size()
                             << " bytes differ";
    ++checked;
  }
  EXPECT_EQ(checked, 3);
}

}  // namespace
}  // namespace posenet::ref
