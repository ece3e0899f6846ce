// The kernel registry: each op's factory, by the kernel column of model/ops.inc.
#include "runtime/op_kernel.h"
#include "runtime/ops/ops.h"

namespace posenet {

std::unique_ptr<OpKernel> CreateOpKernel(OpCode code) {
  switch (code) {
#define POSENET_OP(name, builtin, custom, in, max, out, omit, options, shape, kernel) \
  case OpCode::name:                                                                  \
    return Create##kernel##Kernel();
#include "model/ops.inc"
#undef POSENET_OP
  }
  return nullptr;
}

}  // namespace posenet
