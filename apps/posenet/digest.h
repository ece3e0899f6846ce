// Checksums of downloaded files (OpenSSL's libcrypto), as lower-case hex.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace posenet::cli {

std::string Sha256Hex(std::span<const uint8_t> bytes);

// Git's id of a file with these bytes: SHA-1 of "blob <size>\0" followed by the bytes (what
// `git hash-object` prints and a repository lists for the file).
std::string GitBlobIdHex(std::span<const uint8_t> bytes);

}  // namespace posenet::cli
