#include "io/image_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <new>
#include <string_view>
#include <system_error>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "base/file.h"
#include "base/output_file.h"
#include "io/capture_source.h"
#include "io/picture_header.h"

namespace posenet {
namespace {

// Sends file descriptor 2 to /dev/null while alive (single-threaded callers: messages other
// threads print meanwhile are lost too).
class StderrSilenced {
 public:
  StderrSilenced() {
    std::fflush(stderr);
    saved_ = ::dup(2);
    const int null = ::open("/dev/null", O_WRONLY);
    if (saved_ >= 0 && null >= 0) ::dup2(null, 2);
    if (null >= 0) ::close(null);
  }
  ~StderrSilenced() {
    std::fflush(stderr);
    if (saved_ >= 0) {
      ::dup2(saved_, 2);
      ::close(saved_);
    }
  }
  StderrSilenced(const StderrSilenced&) = delete;
  StderrSilenced& operator=(const StderrSilenced&) = delete;

 private:
  int saved_ = -1;
};

Status ReadError(const std::string& path, const std::string& reason) {
  return Status::Error("cannot read picture: " + reason).Wrap(path);
}

Status SaveError(const std::string& path, const std::string& reason) {
  return Status::Error("cannot save picture: " + reason).Wrap(path);
}

// The reason part of a base/file.h message ("<path>: cannot <verb> file: <reason>").
std::string ReasonOf(const std::string& message) {
  const size_t at = message.rfind(": ");
  return at == std::string::npos ? message : message.substr(at + 2);
}

// OpenCV's exception text spans lines; keep messages on one.
std::string OneLine(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

Status CheckSize(const std::string& what, int64_t w, int64_t h, const PictureReadOptions& options) {
  const std::string size = std::to_string(w) + "x" + std::to_string(h);
  if (w <= 0 || h <= 0) return Status::Error(what + " size " + size + " is empty");
  if (w > options.max_side || h > options.max_side || w * h > options.max_pixels) {
    return Status::Error(what + " size " + size + " is too large (limit " +
                         std::to_string(options.max_pixels) + " pixels, " +
                         std::to_string(options.max_side) + " per side)");
  }
  return Status::Ok();
}

Image BgrToImage(const cv::Mat& bgr) {
  Image image(bgr.cols, bgr.rows);
  cv::Mat rgb(bgr.rows, bgr.cols, CV_8UC3, image.data(), image.stride());
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  return image;
}

std::string LowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

Result<Image> DecodePicture(std::span<const uint8_t> bytes, const std::string& name,
                            const PictureReadOptions& options) {
  if (bytes.empty()) return ReadError(name, "the file is empty");
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return ReadError(name, "the file is too large");
  }
  auto header = ReadPictureHeader(bytes);
  if (!header.ok()) return ReadError(name, header.message());
  const std::string format(PictureFormatName(header->format));
  Status size_ok = CheckSize("the " + format + " header's", header->width, header->height, options);
  if (!size_ok.ok()) return ReadError(name, size_ok.message());

  int flags = cv::IMREAD_COLOR;
  if (!options.apply_exif_orientation) flags |= cv::IMREAD_IGNORE_ORIENTATION;
  try {
    // Our error is one line; OpenCV's decoders would print their own on stderr.
    SilenceVideoLibraryLogs();
    // imdecode only reads the buffer; the Mat header needs a non-const pointer.
    const cv::Mat encoded(1, static_cast<int>(bytes.size()), CV_8UC1,
                          const_cast<uint8_t*>(bytes.data()));
    cv::Mat bgr;
    if (header->format == PictureFormat::kJpeg2000) {
      // OpenCV's JPEG 2000 reader reports what it cannot read (e.g. subsampled colour) by
      // throwing inside imdecode, which prints the exception straight to std::cerr.
      const StderrSilenced quiet;
      bgr = cv::imdecode(encoded, flags);
    } else {
      bgr = cv::imdecode(encoded, flags);
    }
    if (bgr.empty()) {
      return ReadError(name, "the " + format + " data cannot be decoded (corrupt or truncated)");
    }
    if (bgr.type() != CV_8UC3) return ReadError(name, "the decoder returned an unexpected type");
    // The header's size, possibly swapped by the EXIF orientation.
    if (static_cast<int64_t>(bgr.cols) * bgr.rows != header->width * header->height) {
      return ReadError(name, "the decoded size differs from the header's");
    }
    return BgrToImage(bgr);
  } catch (const cv::Exception& e) {
    return ReadError(name, "OpenCV failed: " + OneLine(e.err));
  } catch (const std::bad_alloc&) {
    return ReadError(name, "out of memory");
  }
}

Result<Image> ReadPicture(const std::string& path, const PictureReadOptions& options) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) return ReadError(path, "no such file");
  if (std::filesystem::is_directory(status)) return ReadError(path, "it is a directory");
  auto bytes = ReadFileBytes(path, options.max_file_bytes);
  if (!bytes.ok()) return ReadError(path, ReasonOf(bytes.message()));
  return DecodePicture(*bytes, path, options);
}

Result<std::vector<uint8_t>> EncodePicture(const ImageView& image, const std::string& extension,
                                           int jpeg_quality) {
  if (image.empty()) return Status::Error("the picture is empty");
  std::vector<uint8_t> encoded;
  try {
    const cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.data),
                      image.stride);
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    std::vector<int> params;
    if (extension != ".png") params = {cv::IMWRITE_JPEG_QUALITY, jpeg_quality};
    if (!cv::imencode(extension, bgr, encoded, params)) return Status::Error("encoding failed");
  } catch (const cv::Exception& e) {
    return Status::Error("OpenCV failed: " + OneLine(e.err));
  } catch (const std::bad_alloc&) {
    return Status::Error("out of memory");
  }
  return encoded;
}

Status SavePicture(const std::string& path, const ImageView& image) {
  const std::string ext = LowerExtension(path);
  if (ext != ".png" && ext != ".jpg" && ext != ".jpeg") {
    return SaveError(path, "unknown extension \"" + ext + "\" (use .png, .jpg or .jpeg)");
  }
  Result<std::vector<uint8_t>> encoded = EncodePicture(image, ext);
  if (!encoded.ok()) return SaveError(path, encoded.status().message());
  const Status written = WriteFileAtomically(path, encoded->data(), encoded->size());
  if (!written.ok()) return SaveError(path, ReasonOf(written.message()));
  return Status::Ok();
}

}  // namespace posenet
