// Reads a .tflite flatbuffer into a ModelFile. The file is hostile input: the flatbuffers
// verifier runs first, then semantic validation (indices in range, buffer sizes, dimensions,
// enums, quantization, operand counts per op). Every error is one line naming the file, the op
// or tensor (index and name) and what was expected versus found.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/model_file.h"

namespace posenet {

// Model files larger than this are refused before anything is read (PoseNet models are
// 1-100 MB; this leaves room for larger backbones, not for /dev/zero or a disk image).
inline constexpr uint64_t kMaxModelFileBytes = uint64_t{256} << 20;

// `name` is used in error messages (a path, or "<memory>").
Result<ModelFile> ReadTfliteModel(std::shared_ptr<const std::vector<uint8_t>> bytes,
                                  const std::string& name);
// Reads at most kMaxModelFileBytes from a regular file or pipe (never a device).
Result<ModelFile> ReadTfliteFile(const std::string& path);

}  // namespace posenet
