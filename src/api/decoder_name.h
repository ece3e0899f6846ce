// The decoder's name in the JSON outputs ("model": {"decoder": ...}), shared by the tool and the
// Python package so both write the same documents.
#pragma once

#include <string>

#include "posenet/estimator.h"

namespace posenet {

// "coral", "tfjs-multi" or "tfjs-single" (kAuto, unresolved, reads as "tfjs-multi").
inline std::string DecoderName(DecoderKind kind) {
  switch (kind) {
    case DecoderKind::kSinglePose:
      return "tfjs-single";
    case DecoderKind::kCoral:
      return "coral";
    default:
      return "tfjs-multi";
  }
}

}  // namespace posenet
