// The two-phase op interface the session drives. Prepare validates operand types and shapes
// and precomputes everything (padding, requantization multipliers, packed weights, scratch
// size); Run is blind: it never allocates, never fails, and reads only prepared state and the
// tensor pointers it is given.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/cpu_features.h"
#include "base/status.h"
#include "graph/graph.h"

namespace posenet {

class ThreadPool;
class SharedWeights;

struct PrepareContext {
  const Graph* graph = nullptr;
  const Node* node = nullptr;
  int threads = 1;
  IsaLevel isa = IsaLevel::kScalar;  // highest SIMD level the kernel may use
  // Where prepared state with packed weights is shared with the model's other sessions; null:
  // the kernel keeps its own.
  SharedWeights* shared = nullptr;
};

struct RunContext {
  uint8_t* const* tensors = nullptr;  // data pointer per tensor index (arena or constants)
  ThreadPool* pool = nullptr;
  uint8_t* scratch = nullptr;  // scratch_bytes() of 64-byte aligned memory
};

class PreparedConv;
struct ConvProblem;

// What runtime/row_fusion needs to run a convolution a band of output rows at a time: the
// prepared kernel (streams_rows() is true), its tensors and its vertical geometry.
struct RowStreaming {
  const PreparedConv* conv = nullptr;
  int32_t input = -1, output = -1;  // tensor indices
  int32_t in_h = 0, out_h = 0;
  int32_t kernel_h = 1, stride_h = 1, dilation_h = 1, pad_top = 0;
  int64_t in_row_bytes = 0, out_row_bytes = 0;
};

class OpKernel {
 public:
  virtual ~OpKernel() = default;
  virtual Status Prepare(const PrepareContext& ctx) = 0;
  virtual void Run(const RunContext& ctx) const = 0;
  virtual size_t scratch_bytes() const { return 0; }
  // Multiply-accumulates per run, for profiles (0 for ops that do not multiply).
  virtual int64_t macs() const { return 0; }
  // Which implementation Prepare chose ("reference", "avx512-vnni", ...), for profiles.
  virtual std::string implementation() const { return "reference"; }
  // Set when the kernel can run by row windows (see RowStreaming).
  virtual const RowStreaming* row_streaming() const { return nullptr; }
  // The problem of a float CONV_2D with an optimized kernel (for runtime/merged_convs).
  virtual const ConvProblem* float_conv_problem() const { return nullptr; }
};

// Creates the kernel for a node's op code (its Prepare then picks types and implementation).
std::unique_ptr<OpKernel> CreateOpKernel(OpCode code);

// Typed access to a tensor's data inside Run.
template <typename T>
T* TensorData(const RunContext& ctx, int32_t tensor) {
  return reinterpret_cast<T*>(ctx.tensors[tensor]);
}

}  // namespace posenet
