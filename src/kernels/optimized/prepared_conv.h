// Optimized CONV_2D / DEPTHWISE_CONV_2D: a convolution prepared once for one problem (shapes,
// parameters, constant weights), with weights packed for the chosen SIMD level. The runtime
// asks for one at prepare time and falls back to the reference kernel when none fits, so an
// optimized kernel may cover only the shapes it does well. Results equal the reference kernel's
// exactly for quantized types and within float rounding for float32.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "base/cpu_features.h"
#include "base/tensor_types.h"
#include "kernels/kernel_params.h"

namespace posenet {

class ThreadPool;

struct ConvProblem {
  bool depthwise = false;
  DataType type = DataType::kFloat32;  // of input, filter and output
  ConvParams params;                   // as for the reference kernels (requant filled in)
  Dims4 in, filter, out;               // NHWC; filter OHWI (depthwise: 1,KH,KW,C*mult)
  const void* filter_data = nullptr;   // constant for the problem's lifetime
  const void* bias_data = nullptr;     // float or int32; may be null
  int threads = 1;                     // Run's pool size (for per-thread scratch)
};

// A window of rows of a batch-1 tensor: `in` holds input rows in_row0, in_row0 + 1, ... and
// `out` output rows out_row0, ... (each row W * C elements, as in the whole tensor).
struct RowWindow {
  const void* in = nullptr;
  int32_t in_row0 = 0;
  void* out = nullptr;
  int32_t out_row0 = 0;
};

class PreparedConv {
 public:
  virtual ~PreparedConv() = default;
  // Reads `in`, writes every element of `out` (layouts as in the reference kernels). Never
  // fails and never allocates. `scratch` holds scratch_bytes() 64-byte-aligned bytes.
  virtual void Run(const void* in, void* out, uint8_t* scratch, ThreadPool* pool) const = 0;
  virtual size_t scratch_bytes() const { return 0; }
  virtual std::string name() const = 0;  // for profiles, e.g. "avx512-vnni 1x1"

  // Row streaming (runtime/row_fusion.h runs chains of convolutions a band of rows at a time so
  // the tensors between them stay in cache). When streams_rows(), RunRows computes output rows
  // [row_begin, row_end) on the calling thread, each element exactly as Run would, reading only
  // the window's rows (the caller provides every input row those output rows need).
  // `scratch`: row_scratch_bytes() 64-byte-aligned bytes.
  virtual bool streams_rows() const { return false; }
  virtual void RunRows(const RowWindow& /*window*/, int32_t /*row_begin*/, int32_t /*row_end*/,
                       uint8_t* /*scratch*/) const {}
  virtual size_t row_scratch_bytes() const { return 0; }
};

// An optimized kernel for a quantized (uint8 or int8) problem at `level`, or null when none
// applies (including level kScalar when no portable fast path exists).
std::unique_ptr<PreparedConv> PrepareQuantizedConv(const ConvProblem& problem, IsaLevel level);

// The same for float32 problems.
std::unique_ptr<PreparedConv> PrepareFloatConv(const ConvProblem& problem, IsaLevel level);

}  // namespace posenet
