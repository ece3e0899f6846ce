// Reading whole files into memory, with errors that name the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace posenet {

// Reads the file at `path`; refuses files larger than `max_bytes`.
Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path,
                                           uint64_t max_bytes = uint64_t{1} << 31);

// Writes `size` bytes to `path` through a temporary file renamed into place, so that a
// failure never leaves a partial file behind.
Status WriteFileAtomically(const std::string& path, const void* data, size_t size);

}  // namespace posenet
