#include "io/jpeg_scan.h"

#include <cstddef>
#include <string>

namespace posenet {
namespace {

constexpr uint8_t kSoi = 0xD8, kEoi = 0xD9, kSos = 0xDA;

bool IsStandalone(uint8_t marker) {
  return (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == kSoi;
}

// SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC) which share the range.
bool IsStartOfFrame(uint8_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

int Be16(const uint8_t* p) { return (p[0] << 8) | p[1]; }

Status Truncated() {
  return Status::Error("the JPEG data ends before its end-of-image marker (truncated file)");
}

// Index of the marker (its FF byte) that ends the entropy-coded data starting at `pos`, or
// the data size if there is none.
size_t SkipEntropyCodedData(std::span<const uint8_t> b, size_t pos) {
  while (pos + 1 < b.size()) {
    if (b[pos] != 0xFF) {
      ++pos;
      continue;
    }
    const uint8_t next = b[pos + 1];
    if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
      pos += 2;  // stuffed FF or restart marker: still scan data
    } else if (next == 0xFF) {
      ++pos;  // fill byte before a marker
    } else {
      return pos;
    }
  }
  return b.size();
}

}  // namespace

Result<JpegFrame> ScanJpeg(std::span<const uint8_t> b) {
  if (b.size() < 2 || b[0] != 0xFF || b[1] != kSoi) {
    return Status::Error("not a JPEG file (no start-of-image marker)");
  }
  JpegFrame frame;
  bool have_frame = false, have_scan = false;
  size_t pos = 2;
  while (true) {
    // Tolerate junk between segments, as libjpeg does (it only warns about it).
    while (pos < b.size() && b[pos] != 0xFF) ++pos;
    while (pos + 1 < b.size() && b[pos + 1] == 0xFF) ++pos;  // fill bytes
    if (pos + 1 >= b.size()) return Truncated();
    const uint8_t marker = b[pos + 1];
    if (marker == kEoi) break;
    if (IsStandalone(marker) || marker == 0x00) {
      pos += 2;
      continue;
    }
    if (pos + 4 > b.size()) return Truncated();
    const size_t length = static_cast<size_t>(Be16(&b[pos + 2]));
    if (length < 2)
      return Status::Error("corrupt JPEG: a segment has length " + std::to_string(length));
    const size_t end = pos + 2 + length;
    if (end > b.size()) return Truncated();
    if (IsStartOfFrame(marker) && !have_frame) {
      if (length < 8) return Status::Error("corrupt JPEG: frame header too short");
      frame.height = Be16(&b[pos + 5]);
      frame.width = Be16(&b[pos + 7]);
      have_frame = true;
    }
    pos = end;
    if (marker == kSos) {
      if (!have_frame) return Status::Error("corrupt JPEG: image data before the frame header");
      have_scan = true;
      pos = SkipEntropyCodedData(b, pos);
    }
  }
  if (!have_frame || !have_scan) return Status::Error("corrupt JPEG: no image data");
  if (frame.width == 0 || frame.height == 0) {
    return Status::Error("unsupported JPEG: the frame header gives no size");
  }
  return frame;
}

}  // namespace posenet
