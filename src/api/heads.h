// Finding PoseNet's output heads in a network, whatever the export called them.
//
// A model with Coral's PosenetDecoderOp: the op's three inputs (heatmaps, short offsets, mid
// offsets). Otherwise the 4-D outputs by channel count: 17 heatmaps, 34 short offsets, 64 mid
// offsets, or two 32-channel displacement tensors (forward, then backward; a name containing
// "bwd"/"backward" marks the backward one, as in Google's float model).
#pragma once

#include <string>

#include "base/status.h"
#include "posenet/posenet.h"

namespace posenet {

struct HeadTensors {
  int32_t heatmaps = -1;
  int32_t short_offsets = -1;
  int32_t mid_offsets = -1;  // 64 channels, or -1 when fwd/bwd are separate
  int32_t displacement_fwd = -1;
  int32_t displacement_bwd = -1;
  bool has_decoder_op = false;
};

// `path` names the model in messages.
Result<HeadTensors> FindHeads(const NetworkInfo& network, const std::string& path);

}  // namespace posenet
