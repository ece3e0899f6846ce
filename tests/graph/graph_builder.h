// Builds small Graphs in memory for tests, without a .tflite file.
#pragma once

#include <string>
#include <vector>

#include "graph/graph.h"

namespace posenet::testing {

class GraphBuilder {
 public:
  GraphBuilder() { graph_.path = "test.tflite"; }

  int32_t Tensor(const std::string& name, Shape shape, DataType type = DataType::kFloat32) {
    TensorDef t;
    t.name = name;
    t.type = type;
    t.shape = std::move(shape);
    graph_.tensors.push_back(std::move(t));
    return static_cast<int32_t>(graph_.tensors.size() - 1);
  }

  // A constant tensor whose bytes live in the builder's storage.
  int32_t Constant(const std::string& name, Shape shape, std::vector<uint8_t> bytes,
                   DataType type = DataType::kFloat32) {
    const int32_t t = Tensor(name, std::move(shape), type);
    storage_.push_back(std::make_shared<std::vector<uint8_t>>(std::move(bytes)));
    graph_.tensors[t].data = {storage_.back()->data(), storage_.back()->size()};
    return t;
  }

  void Op(OpCode code, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
          OpOptions options = {}) {
    graph_.nodes.push_back(Node{code, std::move(inputs), std::move(outputs), std::move(options),
                                static_cast<int32_t>(graph_.nodes.size())});
  }

  void Inputs(std::vector<int32_t> in) { graph_.inputs = std::move(in); }
  void Outputs(std::vector<int32_t> out) { graph_.outputs = std::move(out); }
  Graph& graph() { return graph_; }

 private:
  Graph graph_;
  std::vector<std::shared_ptr<std::vector<uint8_t>>> storage_;
};

}  // namespace posenet::testing
