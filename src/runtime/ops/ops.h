// The kernel factory of every op, one per kernel column of model/ops.inc (defined in this
// folder, one .cc per op family).
#pragma once

#include <memory>

#include "runtime/op_kernel.h"

namespace posenet {

#define POSENET_OP(name, builtin, custom, in, max, out, omit, options, shape, kernel) \
  std::unique_ptr<OpKernel> Create##kernel##Kernel();
#include "model/ops.inc"
#undef POSENET_OP

}  // namespace posenet
