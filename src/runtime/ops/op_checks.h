// Checks shared by the ops' Prepare: types, constness, quantization, ranks, with messages that
// name the file, the op and the tensor. Operand counts need no check here: graph/shape_inference
// has checked them against the op's line of model/ops.inc.
#pragma once

#include <initializer_list>
#include <string>

#include "base/status.h"
#include "base/window.h"
#include "kernels/kernel_params.h"
#include "kernels/quantization.h"
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

// "'<name>'" of a tensor for messages: printable, at most 64 characters.
std::string Quoted(const TensorDef& t);

// The shape as NHWC, right-aligned (a [C] vector becomes [1,1,1,C]); the caller checks it
// first with ExpectShape.
Dims4 ToDims4(const Shape& shape);

// Largest element count of a tensor the kernels take (shape inference refuses more too): every
// offset a kernel computes is then far inside int64, and counts inside int32.
inline constexpr int64_t kMaxElements = int64_t{1} << 30;

// The shape a kernel can take: rank `rank` (0: any of 0-4; kAnyRank: any), every dimension
// >= 1, at most kMaxElements elements.
inline constexpr size_t kAnyRank = static_cast<size_t>(-1);
Status ExpectShape(const PrepareContext& ctx, const TensorDef& t, size_t rank = 0);
Status ExpectRankAtMost4(const PrepareContext& ctx, const TensorDef& t);

// `t`'s shape equals `expected` (computed by Prepare from the inputs and options).
Status ExpectShapeIs(const PrepareContext& ctx, const TensorDef& t, const Shape& expected);

// Windows of CONV_2D, DEPTHWISE_CONV_2D and the pools. Their stride and effective extent
// (filter - 1) * dilation + 1 (computed in int64) are at most kMaxWindowExtent, so every
// coordinate a kernel derives from them in int32 (out * stride - pad, origin + tap * dilation,
// the pads themselves) stays below 2^31 for any input the shape limit admits.
inline constexpr int64_t kMaxWindowExtent = int64_t{1} << 24;

// Checks one spatial axis ("height" or "width"): stride, dilation and their extent, and that
// `out` is the output extent the window gives; returns the padding.
Result<WindowPadding> ExpectWindow(const PrepareContext& ctx, const char* axis, int32_t in,
                                   int32_t filter, int32_t stride, int32_t dilation,
                                   Padding padding, int32_t out);

// A requantization (from QuantizeMultiplier) TFLite's arithmetic can apply: shift at most
// kMaxShift (left shifts past 30 overflow its int32 product; smaller multipliers than 2^-31
// are already flushed to zero). `what` names it ("output channel 3 of 'conv'").
Status ExpectRepresentable(const PrepareContext& ctx, const QuantizedMultiplier& m,
                           double real_multiplier, const std::string& what);

}  // namespace posenet
