// The kernel registry: one case per line of model/ops.inc.
#include "runtime/op_kernel.h"
#include "runtime/ops/ops.h"

namespace posenet {

std::unique_ptr<OpKernel> CreateOpKernel(OpCode code) {
  switch (code) {
    case OpCode::kAdd:
      return CreateAddKernel();
    case OpCode::kAveragePool2D:
      return CreateAveragePoolKernel();
    case OpCode::kConcatenation:
      return CreateConcatenationKernel();
    case OpCode::kConv2D:
      return CreateConvKernel();
    case OpCode::kDepthwiseConv2D:
      return CreateDepthwiseConvKernel();
    case OpCode::kDequantize:
      return CreateDequantizeKernel();
    case OpCode::kLogistic:
      return CreateLogisticKernel();
    case OpCode::kMaxPool2D:
      return CreateMaxPoolKernel();
    case OpCode::kMul:
      return CreateMulKernel();
    case OpCode::kRelu:
      return CreateReluKernel();
    case OpCode::kRelu6:
      return CreateRelu6Kernel();
    case OpCode::kReshape:
      return CreateReshapeKernel();
    case OpCode::kPad:
      return CreatePadKernel();
    case OpCode::kQuantize:
      return CreateQuantizeKernel();
    case OpCode::kPosenetDecoder:
      return CreatePosenetDecoderKernel();
  }
  return nullptr;
}

}  // namespace posenet
