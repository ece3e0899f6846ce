// Walking a JPEG's marker segments without decoding it: finds the frame size and whether the
// file is complete.
//
// libjpeg decodes a truncated JPEG with only a warning ("Premature end of JPEG file") and
// OpenCV then returns a picture whose bottom is grey, so completeness must be checked before
// decoding. The walk: SOI, then marker segments (FF xx + big-endian length); the first SOFn
// segment gives height and width; after each SOS the entropy-coded data runs until the next
// FF byte that is not a stuffed FF 00, a restart marker FF D0..D7 or a fill byte. The file is
// complete when an EOI (FF D9) is reached this way; bytes after EOI are ignored.
#pragma once

#include <cstdint>
#include <span>

#include "base/status.h"

namespace posenet {

struct JpegFrame {
  int width = 0;
  int height = 0;
};

// The frame size of a complete JPEG, or an error saying what is wrong ("the data ends before
// the end-of-image marker (truncated file)", ...). `bytes` must start with FF D8.
Result<JpegFrame> ScanJpeg(std::span<const uint8_t> bytes);

}  // namespace posenet
