#include "api/heads.h"

#include "model/op_code.h"

namespace posenet {
namespace {

bool Contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

}  // namespace

Result<HeadTensors> FindHeads(const NetworkInfo& network, const std::string& path) {
  HeadTensors h;
  for (const OpInfo& n : network.ops) {
    if (n.name == OpName(OpCode::kPosenetDecoder) && n.inputs.size() == 3) {
      h.heatmaps = n.inputs[0];
      h.short_offsets = n.inputs[1];
      h.mid_offsets = n.inputs[2];
      h.has_decoder_op = true;
      return h;
    }
  }
  for (int t : network.outputs) {
    const TensorInfo& def = network.tensors[t];
    if (def.shape.size() != 4 || def.shape[0] != 1) continue;
    switch (def.shape[3]) {
      case 17:
        h.heatmaps = t;
        break;
      case 34:
        h.short_offsets = t;
        break;
      case 64:
        h.mid_offsets = t;
        break;
      case 32:
        if (Contains(def.name, "bwd") || Contains(def.name, "backward") ||
            h.displacement_fwd >= 0) {
          h.displacement_bwd = t;
        } else {
          h.displacement_fwd = t;
        }
        break;
      default:
        break;
    }
  }
  const bool has_mid = h.mid_offsets >= 0 || (h.displacement_fwd >= 0 && h.displacement_bwd >= 0);
  if (h.heatmaps < 0 || h.short_offsets < 0 || !has_mid) {
    return Status::Error(path +
                         ": cannot find PoseNet's outputs: expected 4-D outputs with 17 "
                         "(heatmaps), 34 (offsets) and 64 or 2x32 (displacements) channels");
  }
  return h;
}

}  // namespace posenet
