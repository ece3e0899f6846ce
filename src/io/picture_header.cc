#include "io/picture_header.h"

#include <cctype>
#include <cstring>
#include <string>

#include "io/jpeg_scan.h"

namespace posenet {
namespace {

using Bytes = std::span<const uint8_t>;

uint32_t Be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
uint32_t Le32(const uint8_t* p) {
  return (uint32_t{p[3]} << 24) | (uint32_t{p[2]} << 16) | (uint32_t{p[1]} << 8) | p[0];
}
uint32_t Le16(const uint8_t* p) { return (uint32_t{p[1]} << 8) | p[0]; }
uint32_t Le24(const uint8_t* p) { return (uint32_t{p[2]} << 16) | (uint32_t{p[1]} << 8) | p[0]; }

bool StartsWith(Bytes b, const char* magic, size_t n) {
  return b.size() >= n && std::memcmp(b.data(), magic, n) == 0;
}

Status TooShort(const char* format) {
  return Status::Error(std::string("truncated ") + format + " header");
}

Result<PictureHeader> Png(Bytes b) {
  // signature (8), then the IHDR chunk: length (4), "IHDR", width (4), height (4).
  if (b.size() < 24) return TooShort("PNG");
  if (std::memcmp(&b[12], "IHDR", 4) != 0) {
    return Status::Error("corrupt PNG: the first chunk is not IHDR");
  }
  // Walk the chunks to IEND: libpng reports a truncated file on stderr and fails late, so
  // catch it here with a clear message.
  size_t pos = 8;
  while (true) {
    if (b.size() - pos < 12) return Status::Error("truncated PNG file (no IEND chunk)");
    const size_t length = Be32(&b[pos]);
    if (length > b.size() - pos - 12) return Status::Error("truncated PNG file (a chunk is cut)");
    if (std::memcmp(&b[pos + 4], "IEND", 4) == 0) break;
    pos += 12 + length;
  }
  return PictureHeader{PictureFormat::kPng, Be32(&b[16]), Be32(&b[20])};
}

Result<PictureHeader> Bmp(Bytes b) {
  if (b.size() < 26) return TooShort("BMP");
  const uint32_t info_size = Le32(&b[14]);
  if (info_size == 12) {  // OS/2 BITMAPCOREHEADER
    return PictureHeader{PictureFormat::kBmp, Le16(&b[18]), Le16(&b[20])};
  }
  const auto width = static_cast<int32_t>(Le32(&b[18]));
  const auto height = static_cast<int32_t>(Le32(&b[22]));
  const int64_t abs_height = height < 0 ? -int64_t{height} : height;
  return PictureHeader{PictureFormat::kBmp, width, abs_height};
}

Result<PictureHeader> Webp(Bytes b) {
  if (b.size() < 30) return TooShort("WebP");
  const uint8_t* chunk = &b[12];
  const uint8_t* data = &b[20];
  if (std::memcmp(chunk, "VP8 ", 4) == 0) {
    // frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
    if (data[3] != 0x9D || data[4] != 0x01 || data[5] != 0x2A) {
      return Status::Error("corrupt WebP: bad VP8 start code");
    }
    return PictureHeader{PictureFormat::kWebp, Le16(&data[6]) & 0x3FFF, Le16(&data[8]) & 0x3FFF};
  }
  if (std::memcmp(chunk, "VP8L", 4) == 0) {
    if (data[0] != 0x2F) return Status::Error("corrupt WebP: bad VP8L signature");
    const uint32_t bits = Le32(&data[1]);
    return PictureHeader{PictureFormat::kWebp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
  }
  if (std::memcmp(chunk, "VP8X", 4) == 0) {
    // flags (4 bytes), canvas width - 1 and height - 1 as 24-bit little-endian.
    return PictureHeader{PictureFormat::kWebp, Le24(&data[4]) + int64_t{1},
                         Le24(&data[7]) + int64_t{1}};
  }
  return Status::Error("unsupported WebP: unknown first chunk");
}

Result<PictureHeader> Tiff(Bytes b) {
  const bool little = b[0] == 'I';
  auto u16 = [&](size_t at) -> uint32_t {
    return little ? Le16(&b[at]) : (uint32_t{b[at]} << 8) | b[at + 1];
  };
  auto u32 = [&](size_t at) -> uint32_t { return little ? Le32(&b[at]) : Be32(&b[at]); };
  if (b.size() < 8) return TooShort("TIFF");
  const size_t ifd = u32(4);
  if (ifd > b.size() || b.size() - ifd < 2) return TooShort("TIFF");
  const size_t count = u16(ifd);
  if ((b.size() - ifd - 2) / 12 < count) return TooShort("TIFF");
  int64_t width = -1, height = -1;
  for (size_t i = 0; i < count; ++i) {
    const size_t e = ifd + 2 + 12 * i;
    const uint32_t tag = u16(e), type = u16(e + 2);
    if (tag != 256 && tag != 257) continue;
    int64_t value;
    if (type == 3) {
      value = u16(e + 8);  // SHORT, left-justified in the value field
    } else if (type == 4) {
      value = u32(e + 8);  // LONG
    } else {
      return Status::Error("corrupt TIFF: the size tags have type " + std::to_string(type));
    }
    (tag == 256 ? width : height) = value;
  }
  if (width < 0 || height < 0) return Status::Error("corrupt TIFF: no image size tags");
  return PictureHeader{PictureFormat::kTiff, width, height};
}

// Netpbm (PBM, PGM, PPM): "P1".."P6", then width and height as decimal text separated by
// whitespace, '#' comments running to the end of their line.
Result<PictureHeader> Pnm(Bytes b) {
  size_t at = 2;
  int64_t numbers[2] = {0, 0};
  for (int64_t& n : numbers) {
    for (;;) {
      if (at >= b.size()) return TooShort("PNM");
      if (b[at] == '#') {
        while (at < b.size() && b[at] != '\n' && b[at] != '\r') ++at;
      } else if (std::isspace(b[at])) {
        ++at;
      } else {
        break;
      }
    }
    if (!std::isdigit(b[at])) return Status::Error("corrupt PNM: the size is not a number");
    for (; at < b.size() && std::isdigit(b[at]); ++at) {
      n = n * 10 + (b[at] - '0');
      if (n > (int64_t{1} << 32)) return Status::Error("corrupt PNM: the size is too large");
    }
  }
  return PictureHeader{PictureFormat::kPnm, numbers[0], numbers[1]};
}

// JPEG 2000: a JP2 file (boxes; the size is in the image header box 'ihdr' inside the header
// superbox 'jp2h': height, then width, big-endian u32), or a bare codestream (FF 4F, then the
// SIZ marker FF 51: Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz; size = Xsiz - XOsiz, Ysiz - YOsiz).
Result<PictureHeader> Jpeg2000(Bytes b) {
  if (StartsWith(b, "\xFF\x4F\xFF\x51", 4)) {
    if (b.size() < 24) return TooShort("JPEG 2000");
    const int64_t width = int64_t{Be32(&b[8])} - Be32(&b[16]);
    const int64_t height = int64_t{Be32(&b[12])} - Be32(&b[20]);
    if (width <= 0 || height <= 0) return Status::Error("corrupt JPEG 2000: bad image size");
    return PictureHeader{PictureFormat::kJpeg2000, width, height};
  }
  size_t at = 0, end = b.size();
  while (end - at >= 8) {
    uint64_t length = Be32(&b[at]);
    size_t header = 8;
    if (length == 1) {
      if (end - at < 16) break;
      length = (uint64_t{Be32(&b[at + 8])} << 32) | Be32(&b[at + 12]);
      header = 16;
    } else if (length == 0) {
      length = end - at;  // to the end of the file
    }
    if (length < header || length > end - at) break;
    if (std::memcmp(&b[at + 4], "jp2h", 4) == 0) {  // descend into the superbox
      end = at + length;
      at += header;
      continue;
    }
    if (std::memcmp(&b[at + 4], "ihdr", 4) == 0) {
      if (length < header + 8) break;
      return PictureHeader{PictureFormat::kJpeg2000, Be32(&b[at + header + 4]),
                           Be32(&b[at + header])};
    }
    at += length;
  }
  return Status::Error("corrupt JPEG 2000: no image header box");
}

}  // namespace

std::string_view PictureFormatName(PictureFormat format) {
  switch (format) {
    case PictureFormat::kJpeg:
      return "JPEG";
    case PictureFormat::kPng:
      return "PNG";
    case PictureFormat::kBmp:
      return "BMP";
    case PictureFormat::kWebp:
      return "WebP";
    case PictureFormat::kTiff:
      return "TIFF";
    case PictureFormat::kPnm:
      return "PNM";
    case PictureFormat::kJpeg2000:
      return "JPEG 2000";
  }
  return "?";
}

Result<PictureHeader> ReadPictureHeader(std::span<const uint8_t> b) {
  if (StartsWith(b, "\xFF\xD8\xFF", 3)) {
    POSENET_ASSIGN_OR_RETURN(JpegFrame frame, ScanJpeg(b));
    return PictureHeader{PictureFormat::kJpeg, frame.width, frame.height};
  }
  if (StartsWith(b, "\x89PNG\r\n\x1A\n", 8)) return Png(b);
  if (StartsWith(b, "BM", 2)) return Bmp(b);
  if (StartsWith(b, "RIFF", 4) && b.size() >= 12 && std::memcmp(&b[8], "WEBP", 4) == 0) {
    return Webp(b);
  }
  if (StartsWith(b, "II\x2A\x00", 4) || StartsWith(b, "MM\x00\x2A", 4)) return Tiff(b);
  if (StartsWith(b, "II\x2B\x00", 4) || StartsWith(b, "MM\x00\x2B", 4)) {
    return Status::Error("unsupported TIFF: BigTIFF files are not read");
  }
  if (b.size() >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6') return Pnm(b);
  if (StartsWith(b, "\x00\x00\x00\x0CjP  \r\n\x87\n", 12) || StartsWith(b, "\xFF\x4F\xFF\x51", 4)) {
    return Jpeg2000(b);
  }
  return Status::Error("not a JPEG, PNG, BMP, WebP, TIFF, PNM or JPEG 2000 file");
}

}  // namespace posenet
