// Shape inference: PoseNet is fully convolutional, so the file's input shape is only a default.
// Given an input height and width, recompute every non-constant tensor's shape in execution
// order from each op's inputs and options, and check that operands agree (channels, ranks,
// concatenation dims, broadcasting).
#pragma once

#include "base/status.h"
#include "graph/graph.h"

namespace posenet {

// Sets the (single, NHWC) graph input to [N, height, width, C] and re-infers all shapes.
// height/width <= 0 keep the file's own size.
Status InferShapes(Graph& graph, int32_t height, int32_t width);

}  // namespace posenet
