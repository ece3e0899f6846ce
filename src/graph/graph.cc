#include "graph/graph.h"

namespace posenet {

std::string Graph::Describe(const Node& node) const {
  return "op " + std::to_string(node.index) + " '" + std::string(OpName(node.code)) + "'";
}

std::string Graph::DescribeTensor(int32_t index) const {
  return "tensor " + std::to_string(index) + " '" + tensor(index).name + "'";
}

int32_t Graph::FindTensor(const std::string& name) const {
  for (size_t i = 0; i < tensors.size(); ++i) {
    if (tensors[i].name == name) return static_cast<int32_t>(i);
  }
  return -1;
}

Graph GraphFromModel(const ModelFile& model) {
  Graph g;
  g.path = model.path;
  g.bytes = model.bytes;
  g.tensors = model.tensors;
  g.inputs = model.inputs;
  g.outputs = model.outputs;
  g.nodes.reserve(model.operators.size());
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const OperatorDef& op = model.operators[i];
    g.nodes.push_back(Node{op.code, op.inputs, op.outputs, op.options, static_cast<int32_t>(i)});
  }
  return g;
}

int64_t ElementCount(const Shape& shape) {
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

int64_t ByteSize(const TensorDef& t) {
  return ElementCount(t.shape) * static_cast<int64_t>(SizeOf(t.type));
}

std::string ShapeToString(const Shape& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) s += ",";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

}  // namespace posenet
