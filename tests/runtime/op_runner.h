// One op prepared and run alone, from a few lines describing its tensors (as TFLite Micro's
// KernelRunner): no model file, no shape inference, no executor. Tests use it to reach every
// error Prepare can return, with exactly the operands and options that trigger it, and to run
// what Prepare accepts.
//
//   OpRunner r(OpCode::kConv2D, Conv2DOptions{...});
//   const int32_t in = r.Input("in", {1, 5, 5, 3}, DataType::kUInt8, Quant(0.5f, 128));
//   r.Constant("filter", {8, 3, 3, 3}, bytes, DataType::kUInt8, Quant(0.01f, 120));
//   r.Omitted();                                  // no bias
//   const int32_t out = r.Output("out", {1, 3, 3, 8}, DataType::kUInt8, Quant(0.2f, 0));
//   ASSERT_TRUE(r.Prepare().ok());
//   r.Set(in, pixels); r.Run(); r.Get<uint8_t>(out);
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/aligned_buffer.h"
#include "base/cpu_features.h"
#include "graph/graph.h"
#include "runtime/op_kernel.h"

namespace posenet::testing {

// Per-tensor (one scale) or per-channel quantization along `dimension`.
struct Quant {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t dimension = 0;
};
inline Quant Quant1(float scale, int64_t zero_point) { return Quant{{scale}, {zero_point}, 0}; }

class OpRunner {
 public:
  explicit OpRunner(OpCode code, OpOptions options = {});
  ~OpRunner();

  // Each call adds the op's next input (or output) and returns the tensor's index.
  int32_t Input(const std::string& name, Shape shape, DataType type, Quant q = {});
  int32_t Constant(const std::string& name, Shape shape, std::vector<uint8_t> bytes, DataType type,
                   Quant q = {});
  void Omitted();  // an optional input left out (-1)
  int32_t Output(const std::string& name, Shape shape, DataType type, Quant q = {});

  // The graph being built (to break something Input/Output cannot express).
  Graph& graph() { return graph_; }

  // Creates the kernel and prepares it; the Status Prepare returned.
  Status Prepare(IsaLevel isa = IsaLevel::kScalar, int threads = 1);
  const OpKernel& kernel() const { return *kernel_; }

  // After a successful Prepare: fill inputs, run, read outputs.
  void Set(int32_t tensor, std::span<const uint8_t> bytes);
  template <typename T>
  void Set(int32_t tensor, const std::vector<T>& values) {
    Set(tensor, {reinterpret_cast<const uint8_t*>(values.data()), values.size() * sizeof(T)});
  }
  void Run();
  template <typename T>
  std::vector<T> Get(int32_t tensor) const {
    std::vector<T> v(static_cast<size_t>(ByteSize(graph_.tensor(tensor))) / sizeof(T));
    std::memcpy(v.data(), pointers_[static_cast<size_t>(tensor)], v.size() * sizeof(T));
    return v;
  }

 private:
  int32_t Add(const std::string& name, Shape shape, DataType type, const Quant& q);
  Graph graph_;
  std::vector<std::shared_ptr<std::vector<uint8_t>>> storage_;
  std::unique_ptr<OpKernel> kernel_;
  std::vector<AlignedBuffer> buffers_;
  std::vector<uint8_t*> pointers_;
  AlignedBuffer scratch_;
  int threads_ = 1;
};

}  // namespace posenet::testing
