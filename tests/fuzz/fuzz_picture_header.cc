// libFuzzer entry point for the picture header checks (io/picture_header.h, io/jpeg_scan.h):
// any byte string gives a format and a size or an error, never a crash or an out-of-bounds
// read. (The size is returned as stored, possibly negative or zero: image_file.cc's size check
// refuses those before decoding.)
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "io/picture_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto header = posenet::ReadPictureHeader(std::span<const uint8_t>(data, size));
  if (!header.ok()) {
    if (header.message().empty() || header.message().find('\n') != std::string::npos) {
      std::fprintf(stderr, "malformed error message: %s\n", header.message().c_str());
      std::abort();
    }
    return 0;
  }
  if (posenet::PictureFormatName(header->format).empty()) std::abort();
  return 0;
}
