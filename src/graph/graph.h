// The graph IR: tensors (type, shape, quantization, constant data) and nodes in execution
// order. Built from a verified ModelFile, then rewritten by passes (shape inference for the
// chosen input size, output-stride rewrite) before the memory plan and kernels are prepared.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/model_file.h"

namespace posenet {

struct Node {
  OpCode code = OpCode::kAdd;
  std::vector<int32_t> inputs;  // -1 marks an omitted optional input
  std::vector<int32_t> outputs;
  OpOptions options;
  int32_t index = 0;  // the operator's index in the file, for messages
};

struct Graph {
  std::string path;                                   // the model file, for messages
  std::shared_ptr<const std::vector<uint8_t>> bytes;  // keeps constant data alive
  std::vector<TensorDef> tensors;
  std::vector<Node> nodes;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;

  const TensorDef& tensor(int32_t i) const { return tensors[static_cast<size_t>(i)]; }
  TensorDef& tensor(int32_t i) { return tensors[static_cast<size_t>(i)]; }
  // "op 3 'CONV_2D'" for messages.
  std::string Describe(const Node& node) const;
  // "tensor 7 'MobilenetV1/Conv2d_0/Relu6'" for messages.
  std::string DescribeTensor(int32_t index) const;
  // Index of the tensor with this name, or -1.
  int32_t FindTensor(const std::string& name) const;
};

Graph GraphFromModel(const ModelFile& model);

// Element count of a shape; shapes in a graph are validated, so this cannot overflow.
int64_t ElementCount(const Shape& shape);
int64_t ByteSize(const TensorDef& t);
std::string ShapeToString(const Shape& shape);

}  // namespace posenet
