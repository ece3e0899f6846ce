// What a Model holds, for the api layer's own files (the public header keeps it opaque).
#pragma once

#include <memory>

#include "model/model_file.h"
#include "posenet/posenet.h"
#include "runtime/shared_weights.h"

namespace posenet {

struct Model::Impl {
  explicit Impl(ModelFile model_file);

  std::shared_ptr<const ModelFile> file;
  // Aligned constants and packed weights, shared by the model's sessions.
  std::shared_ptr<SharedWeights> shared;
  std::unique_ptr<DecoderSettings> decoder;  // null without a PosenetDecoderOp
};

}  // namespace posenet
