// Reading picture files (JPEG, PNG, BMP, WebP, TIFF, PNM, JPEG 2000) into RGB8 images, and
// saving them.
//
// Reading: the whole file is read, recognized by its first bytes and its header size checked
// against the limits (picture_header.h) BEFORE OpenCV decodes it, so a 30000x30000 header or
// a truncated JPEG gives a clean error instead of a huge allocation or a half-grey picture.
// Decoding is cv::imdecode with IMREAD_COLOR: grayscale becomes RGB, an alpha channel is
// dropped (as PIL's convert('RGB') and tfjs's fromPixels do), 16-bit samples become 8-bit,
// and OpenCV's BGR is swapped to RGB. The EXIF orientation tag is applied unless
// apply_exif_orientation is false (PIL, and so Coral's reference results, ignore it).
// A 1x1 picture is valid and accepted: it simply holds no people.
//
// Every error is one line naming the file: "<path>: cannot read picture: <reason>" and
// "<path>: cannot save picture: <reason>".
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "image/image.h"

namespace posenet {

struct PictureReadOptions {
  bool apply_exif_orientation = true;
  int64_t max_pixels = int64_t{1} << 26;  // 67 Mpixels: ~200 MB once decoded
  int64_t max_side = 1 << 16;             // pixels along either axis
  uint64_t max_file_bytes = uint64_t{1} << 30;
};

Result<Image> ReadPicture(const std::string& path, const PictureReadOptions& options = {});

// The same from bytes already in memory; `name` stands for the path in error messages.
Result<Image> DecodePicture(std::span<const uint8_t> bytes, const std::string& name,
                            const PictureReadOptions& options = {});

// `image` encoded as PNG (extension ".png") or JPEG (".jpg", ".jpeg") in memory; errors are
// the reason alone.
Result<std::vector<uint8_t>> EncodePicture(const ImageView& image, const std::string& extension,
                                           int jpeg_quality = 95);

// Encodes `image` as PNG (.png) or JPEG (.jpg, .jpeg; quality 95) by the path's extension
// (case-insensitive) and writes it through a temporary file renamed into place, so a failure
// never leaves a partial file.
Status SavePicture(const std::string& path, const ImageView& image);

}  // namespace posenet
