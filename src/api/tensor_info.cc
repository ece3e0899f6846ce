#include "api/tensor_info.h"

#include <variant>

namespace posenet {
namespace {

ElementType ToElementType(DataType type) {
  switch (type) {
    case DataType::kFloat32:
      return ElementType::kFloat32;
    case DataType::kUInt8:
      return ElementType::kUInt8;
    case DataType::kInt8:
      return ElementType::kInt8;
    case DataType::kInt32:
      return ElementType::kInt32;
    case DataType::kInt64:
      return ElementType::kInt64;
  }
  return ElementType::kFloat32;
}

// Stride and dilation of a windowed op, from whichever options struct it has.
void SetWindow(const OpOptions& options, OpInfo& op) {
  const Conv2DOptions* c = std::get_if<Conv2DOptions>(&options);
  if (c == nullptr) c = std::get_if<DepthwiseConv2DOptions>(&options);
  if (c != nullptr) {
    op.stride_h = c->stride_h, op.stride_w = c->stride_w;
    op.dilation_h = c->dilation_h, op.dilation_w = c->dilation_w;
  } else if (const auto* p = std::get_if<Pool2DOptions>(&options)) {
    op.stride_h = p->stride_h, op.stride_w = p->stride_w;
  }
}

}  // namespace

std::string_view ElementTypeName(ElementType type) {
  switch (type) {
    case ElementType::kFloat32:
      return Name(DataType::kFloat32);
    case ElementType::kUInt8:
      return Name(DataType::kUInt8);
    case ElementType::kInt8:
      return Name(DataType::kInt8);
    case ElementType::kInt32:
      return Name(DataType::kInt32);
    case ElementType::kInt64:
      return Name(DataType::kInt64);
  }
  return "?";
}

std::string ShapeText(const std::vector<int32_t>& shape) { return ShapeToString(shape); }

TensorInfo ToTensorInfo(const TensorDef& t) {
  TensorInfo info;
  info.name = t.name;
  info.type = ToElementType(t.type);
  info.shape = t.shape;
  if (!t.quantization.empty()) {
    info.scale = t.quantization.scale[0];
    info.zero_point = static_cast<int32_t>(t.quantization.zero_point[0]);
    if (t.quantization.per_channel()) {
      info.channel_scales = static_cast<int>(t.quantization.scale.size());
      info.quantized_dimension = t.quantization.quantized_dimension;
    }
  }
  info.bytes = static_cast<size_t>(ByteSize(t));
  info.constant = t.is_constant();
  return info;
}

NetworkInfo DescribeNetwork(const Executor& executor) {
  const Graph& g = executor.graph();
  NetworkInfo n;
  for (const TensorDef& t : g.tensors) n.tensors.push_back(ToTensorInfo(t));
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& node = g.nodes[i];
    OpInfo op;
    op.index = node.index;
    op.name = std::string(OpName(node.code));
    op.inputs.assign(node.inputs.begin(), node.inputs.end());
    op.outputs.assign(node.outputs.begin(), node.outputs.end());
    SetWindow(node.options, op);
    op.macs = executor.profile()[i].macs;
    op.implementation = executor.profile()[i].implementation;
    n.ops.push_back(std::move(op));
  }
  n.inputs.assign(g.inputs.begin(), g.inputs.end());
  n.outputs.assign(g.outputs.begin(), g.outputs.end());
  n.output_stride = executor.output_stride();
  n.macs = executor.total_macs();
  n.arena_bytes = executor.arena_bytes();
  n.scratch_bytes = executor.scratch_bytes();
  return n;
}

}  // namespace posenet
