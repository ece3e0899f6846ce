// Which model `posenet detect` and friends use when --model is absent. Never a path relative
// to the working folder: a model planted there must not be picked up by whoever runs the tool.
#pragma once

#include <string>

#include "posenet/status.h"

namespace posenet::cli {

// The file name of the default model (Coral's uint8 model with its decoder, 481x641).
inline constexpr const char* kDefaultModelName =
    "posenet_mobilenet_v1_075_481_641_quant_decoder.tflite";

// --model if given; else $POSENET_MODEL; else kDefaultModelName next to the installed program
// (<prefix>/share/posenet/models/ for <prefix>/bin/posenet); else the one in the shared data of
// the checkout the tool was built in (an absolute path fixed at build time); else the cached
// starter model from `posenet fetch-model`; else an error saying how to get one.
Result<std::string> ResolveModelPath(const std::string& flag);

// Where `posenet fetch-model` puts Google's starter model ($XDG_CACHE_HOME or ~/.cache, then
// posenet/; an absolute path, else "").
std::string CachedStarterModelPath();

inline constexpr const char* kStarterModelUrl =
    "https://storage.googleapis.com/download.tensorflow.org/models/tflite/"
    "posenet_mobilenet_v1_100_257x257_multi_kpt_stripped.tflite";

}  // namespace posenet::cli
