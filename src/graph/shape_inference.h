// Shape inference: PoseNet is fully convolutional, so the file's input shape is only a default.
// Given an input height and width, recompute every non-constant tensor's shape in execution
// order from each op's inputs and options, and check that operands agree (channels, ranks,
// concatenation dims, broadcasting).
#pragma once

#include "base/status.h"
#include "graph/graph.h"

namespace posenet {

// Output size of a windowed op along one axis, as TFLite computes it:
// SAME: ceil(in / stride); VALID: (in - effective_filter) / stride + 1 (0 or less: error).
int32_t WindowOutputSize(Padding padding, int32_t in, int32_t filter, int32_t stride,
                         int32_t dilation);
// Padding before (top or left) for that output size: max((out-1)*stride + eff - in, 0) / 2.
int32_t WindowPaddingBefore(Padding padding, int32_t in, int32_t filter, int32_t stride,
                            int32_t dilation, int32_t out);

// Sets the (single, NHWC) graph input to [N, height, width, C] and re-infers all shapes.
// height/width <= 0 keep the file's own size.
Status InferShapes(Graph& graph, int32_t height, int32_t width);

}  // namespace posenet
