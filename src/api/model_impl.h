// What a Model holds, for the api layer's own files (the public header keeps it opaque).
#pragma once

#include <memory>

#include "model/model_file.h"
#include "posenet/posenet.h"

namespace posenet {

struct Model::Impl {
  explicit Impl(ModelFile model_file);

  std::shared_ptr<const ModelFile> file;
  std::unique_ptr<DecoderSettings> decoder;  // null without a PosenetDecoderOp
};

}  // namespace posenet
