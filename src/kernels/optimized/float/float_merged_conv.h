// Several float 1x1 convolutions of the same input (PoseNet's four heads) as one GEMM over all
// their output channels: the input is read once instead of once per head, and the channels pack
// into fewer partly empty panels (17 + 34 + 32 + 32 = 115 fill 4 panels of 32, not 5). Each
// output element is the same dot product, summed in the same order, as in its own convolution.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kernels/optimized/prepared_conv.h"

namespace posenet {

class PreparedMergedConv {
 public:
  virtual ~PreparedMergedConv() = default;
  // Reads `in`, writes every element of outs[i] for each convolution i.
  virtual void Run(const void* in, void* const* outs, uint8_t* scratch, ThreadPool* pool) const = 0;
  virtual size_t scratch_bytes() const = 0;
  virtual std::string name() const = 0;
};

// The merged GEMM for float 1x1 stride-1 convolutions with the same input shape and clamp, or
// null when they do not qualify or `level` has no float kernels.
std::unique_ptr<PreparedMergedConv> PrepareFloatMergedConv(const std::vector<ConvProblem>& problems,
                                                           IsaLevel level);

}  // namespace posenet
