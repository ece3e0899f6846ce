// Reading whole files into memory, with errors that name the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace posenet {

// Reads the file at `path`; refuses files larger than `max_bytes` (a regular file before
// reading anything, a pipe as soon as it passes the limit), folders and devices (/dev/zero
// would never end). Errors: "<path>: cannot read file: <reason>".
Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path,
                                           uint64_t max_bytes = uint64_t{1} << 31);

}  // namespace posenet
