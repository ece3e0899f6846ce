// Output stride at run time (atrous convolution, as TF.js PoseNet's MobileNet does it).
//
// The pass propagates, tensor by tensor from the input, the spatial stride (how much the
// picture has been downsampled) and the rate (how much downsampling has been removed so far).
// Windowed ops (CONV_2D, DEPTHWISE_CONV_2D, pools) are the "strided layers" when their stride
// is above 1; nothing is matched by name.
//  - Smaller stride than the model's (e.g. 16 -> 8): a strided layer that would take the
//    stride past the target runs at stride 1 instead; the layers after it see a rate
//    multiplied by the removed stride, and every spatial (kernel > 1) convolution downstream is
//    dilated by the rate it sees. The dropped layer itself is dilated by the rate before it.
//  - Larger stride (e.g. 16 -> 32): the layer that MobileNet strides last in its original
//    design is made strided again: the last spatial convolution whose output feeds a 1x1
//    convolution that widens the channels (MobileNetV1's block 12 depthwise, which exported
//    stride-16 models run at stride 1). One extra factor of 2 is supported.
// The model's PosenetDecoderOp (if any) gets the new stride. Shapes must be re-inferred after.
#pragma once

#include "base/status.h"
#include "graph/graph.h"

namespace posenet {

// The stride of the model's outputs (the downsampling of its first 4-D output) as stored.
Result<int32_t> NativeOutputStride(const Graph& graph);

// Rewrites strides and dilations so the outputs come at `target` (8, 16 or 32).
Status SetOutputStride(Graph& graph, int32_t target);

}  // namespace posenet
