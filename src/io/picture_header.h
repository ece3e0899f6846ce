// Recognizing a picture file by its first bytes and reading its size from the header, so that
// a file claiming a huge size is refused before any decoder allocates memory for it.
//
// Formats and where their size lives:
//   JPEG  FF D8 ...                 the first SOFn segment (jpeg_scan.h; also checks the file
//                                   is complete)
//   PNG   89 'PNG' 0D 0A 1A 0A       IHDR, the first chunk: width, height as big-endian u32;
//                                   the chunks must run to IEND (else truncated)
//   BMP   'BM'                      the info header at 14: core header (12 bytes) u16 sizes,
//                                   otherwise i32 sizes (negative height = top-down rows)
//   WebP  'RIFF' size 'WEBP'        VP8 (lossy) key frame, VP8L (lossless) or VP8X (extended)
//   TIFF  'II' 2A 00 / 'MM' 00 2A    tags 256 (width) and 257 (height) of the first IFD
//   PNM   'P1'..'P6'                width and height as text (PBM, PGM, PPM)
//   JPEG 2000  JP2 signature box / FF 4F FF 51   the 'ihdr' box, or the codestream's SIZ
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "base/status.h"

namespace posenet {

enum class PictureFormat { kJpeg, kPng, kBmp, kWebp, kTiff, kPnm, kJpeg2000 };

std::string_view PictureFormatName(PictureFormat format);

struct PictureHeader {
  PictureFormat format = PictureFormat::kJpeg;
  int64_t width = 0;
  int64_t height = 0;
};

// The format and stored size of the picture in `bytes`, or an error whose message is the
// reason ("not a JPEG, PNG, BMP, WebP, TIFF, PNM or JPEG 2000 file", "truncated PNG header",
// ...).
Result<PictureHeader> ReadPictureHeader(std::span<const uint8_t> bytes);

}  // namespace posenet
