// Factories for every op's kernel (one .cc per op family in this folder).
#pragma once

#include <memory>

#include "runtime/op_kernel.h"

namespace posenet {

std::unique_ptr<OpKernel> CreateConvKernel();
std::unique_ptr<OpKernel> CreateDepthwiseConvKernel();
std::unique_ptr<OpKernel> CreateAveragePoolKernel();
std::unique_ptr<OpKernel> CreateMaxPoolKernel();
std::unique_ptr<OpKernel> CreateConcatenationKernel();
std::unique_ptr<OpKernel> CreateAddKernel();
std::unique_ptr<OpKernel> CreateMulKernel();
std::unique_ptr<OpKernel> CreateLogisticKernel();
std::unique_ptr<OpKernel> CreateReluKernel();
std::unique_ptr<OpKernel> CreateRelu6Kernel();
std::unique_ptr<OpKernel> CreateReshapeKernel();
std::unique_ptr<OpKernel> CreatePadKernel();
std::unique_ptr<OpKernel> CreateQuantizeKernel();
std::unique_ptr<OpKernel> CreateDequantizeKernel();
std::unique_ptr<OpKernel> CreatePosenetDecoderKernel();

}  // namespace posenet
