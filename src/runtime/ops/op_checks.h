// Checks shared by the ops' Prepare: types, constness, quantization, ranks, with messages that
// name the file, the op and the tensor. Operand counts need no check here: graph/shape_inference
// has checked them against the op's line of model/ops.inc.
#pragma once

#include <initializer_list>
#include <string>

#include "base/status.h"
#include "kernels/kernel_params.h"
#include "runtime/op_kernel.h"

namespace posenet {

// "<file>: cannot prepare op 3 'CONV_2D': <what>"
Status OpError(const PrepareContext& ctx, const std::string& what);

const TensorDef& Input(const PrepareContext& ctx, size_t i);
const TensorDef& Output(const PrepareContext& ctx, size_t i);
bool HasInput(const PrepareContext& ctx, size_t i);  // present and not -1

Status ExpectType(const PrepareContext& ctx, const TensorDef& t,
                  std::initializer_list<DataType> allowed);
Status ExpectConstant(const PrepareContext& ctx, const TensorDef& t);
Status ExpectPerTensorQuantization(const PrepareContext& ctx, const TensorDef& t);

// The shape as NHWC, right-aligned (a [C] vector becomes [1,1,1,C]); rank <= 4 is checked by
// the caller with ExpectRankAtMost4.
Dims4 ToDims4(const Shape& shape);
Status ExpectRankAtMost4(const PrepareContext& ctx, const TensorDef& t);

}  // namespace posenet
