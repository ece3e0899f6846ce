// Which model `posenet detect` and friends use when --model is absent.
#pragma once

#include <string>

#include "posenet/status.h"

namespace posenet::cli {

// --model if given; else $POSENET_MODEL; else the shared Coral model
// (../shared/data/models/posenet_mobilenet_v1_075_481_641_quant_decoder.tflite, looked up from
// the working folder and from the checkout the tool was built in); else the cached starter
// model from `posenet fetch-model`; else an error saying how to get one.
Result<std::string> ResolveModelPath(const std::string& flag);

// Where `posenet fetch-model` puts Google's starter model ($XDG_CACHE_HOME or ~/.cache).
std::string CachedStarterModelPath();

inline constexpr const char* kStarterModelUrl =
    "https://storage.googleapis.com/download.tensorflow.org/models/tflite/"
    "posenet_mobilenet_v1_100_257x257_multi_kpt_stripped.tflite";

}  // namespace posenet::cli
