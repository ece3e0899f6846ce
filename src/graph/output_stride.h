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
//  - Larger stride (e.g. 16 -> 32): an atrous export (a spatial convolution dilated where the
//    original design had a stride) gets that stride back on the spatial layer just before the
//    first dilated one, and the dilations after it are halved. A model trained without the
//    stride (Coral's and Google's stride-16 MobileNets: block 12 at stride 1, undilated) gets
//    it on its last spatial layer, so every feature before it stays as trained. One extra
//    factor of 2 is supported; a graph where that layer is already strided is an error.
//  - Either way the rewritten graph's stride is checked against the target.
// The model's PosenetDecoderOp (if any) gets the new stride. Shapes must be re-inferred after.
#pragma once

#include "base/status.h"
#include "graph/graph.h"

namespace posenet {

// The largest output stride accepted (a PoseNet's is 8, 16 or 32): decoders multiply grid
// positions by it, and no real network downsamples further.
inline constexpr int32_t kMaxOutputStride = 4096;

// The stride of the model's outputs (the downsampling of its first 4-D output) as stored;
// an error when over kMaxOutputStride.
Result<int32_t> NativeOutputStride(const Graph& graph);

// Rewrites strides and dilations so the outputs come at `target` (8, 16 or 32).
Status SetOutputStride(Graph& graph, int32_t target);

}  // namespace posenet
