// Pixel layouts of the pictures the public API reads (Estimator) and draws on (draw.h): 8 bits
// per channel, channels interleaved, rows top to bottom.
#pragma once

namespace posenet {

enum class PixelFormat {
  kRgb,   // red, green, blue: 3 bytes per pixel
  kBgr,   // blue, green, red: 3 bytes (OpenCV's order)
  kRgba,  // red, green, blue, alpha: 4 bytes (alpha is not read, and drawing leaves it alone)
  kBgra,  // blue, green, red, alpha: 4 bytes
};

// 3 or 4; 0 for a value outside the enum.
constexpr int BytesPerPixel(PixelFormat format) {
  switch (format) {
    case PixelFormat::kRgb:
    case PixelFormat::kBgr:
      return 3;
    case PixelFormat::kRgba:
    case PixelFormat::kBgra:
      return 4;
  }
  return 0;
}

// Whether blue comes first in a pixel of `format`.
constexpr bool IsBlueFirst(PixelFormat format) {
  return format == PixelFormat::kBgr || format == PixelFormat::kBgra;
}

}  // namespace posenet
