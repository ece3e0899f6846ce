// The "model" object of the JSON outputs for an Estimator: its file, input size, output stride
// and decoder as it runs them.
#pragma once

#include <string>

#include "io/json_writer.h"
#include "posenet/estimator.h"

namespace posenet {

// "posenet", "coral", "tfjs-multi" or "tfjs-single".
std::string DecoderName(DecoderKind kind);

JsonModelInfo ModelInfoOf(const Estimator& estimator, const std::string& model_path);

}  // namespace posenet
