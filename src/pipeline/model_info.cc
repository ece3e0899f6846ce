#include "pipeline/model_info.h"

namespace posenet {

std::string DecoderName(DecoderKind kind) {
  switch (kind) {
    case DecoderKind::kSinglePose:
      return "tfjs-single";
    case DecoderKind::kCoral:
      return "coral";
    case DecoderKind::kPosenet:
      return "posenet";
    default:
      return "tfjs-multi";
  }
}

JsonModelInfo ModelInfoOf(const Estimator& e, const std::string& model_path) {
  return JsonModelInfo{model_path, e.input_width(), e.input_height(), e.output_stride(),
                       DecoderName(e.decoder())};
}

}  // namespace posenet
