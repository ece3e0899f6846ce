// RGB8 pictures in memory: Image owns its pixels, ImageView borrows someone else's.
//
// An Image is interleaved RGB, 3 bytes per pixel, rows top to bottom, tightly packed (stride =
// 3 * width). A view may have padded rows (stride >= bytes per pixel * width), e.g. a cv::Mat
// ROI, and another pixel format (BGR, RGBA, BGRA), which only the resize (resize.h) reads; every
// other function taking a view expects RGB.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "posenet/picture.h"

namespace posenet {

struct ImageView {
  const uint8_t* data = nullptr;  // first byte of the top-left pixel
  int width = 0;
  int height = 0;
  size_t stride = 0;  // bytes from one row to the next
  PixelFormat format = PixelFormat::kRgb;

  static constexpr int kChannels = 3;
  bool empty() const { return width <= 0 || height <= 0 || data == nullptr; }
  const uint8_t* row(int y) const { return data + static_cast<size_t>(y) * stride; }
  const uint8_t* pixel(int x, int y) const {
    return row(y) + static_cast<size_t>(x) * static_cast<size_t>(BytesPerPixel(format));
  }
};

class Image {
 public:
  static constexpr int kChannels = 3;

  Image() = default;
  // A black width x height picture. Sizes must be >= 0 (checked by the callers that take sizes
  // from files or users; here it is an invariant).
  Image(int width, int height) { Reset(width, height); }

  // Changes the size; keeps the allocation when it is big enough (pixels are then unspecified
  // unless the size is unchanged, in which case they are kept).
  void Reset(int width, int height) {
    assert(width >= 0 && height >= 0);
    width_ = width;
    height_ = height;
    bytes_.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * kChannels);
  }

  int width() const { return width_; }
  int height() const { return height_; }
  size_t stride() const { return static_cast<size_t>(width_) * kChannels; }
  bool empty() const { return width_ == 0 || height_ == 0; }

  uint8_t* data() { return bytes_.data(); }
  const uint8_t* data() const { return bytes_.data(); }
  size_t size_bytes() const { return bytes_.size(); }
  const std::vector<uint8_t>& bytes() const { return bytes_; }

  uint8_t* row(int y) { return bytes_.data() + static_cast<size_t>(y) * stride(); }
  const uint8_t* row(int y) const { return bytes_.data() + static_cast<size_t>(y) * stride(); }
  uint8_t* pixel(int x, int y) { return row(y) + static_cast<size_t>(x) * kChannels; }
  const uint8_t* pixel(int x, int y) const { return row(y) + static_cast<size_t>(x) * kChannels; }

  ImageView view() const { return ImageView{bytes_.data(), width_, height_, stride()}; }

 private:
  int width_ = 0;
  int height_ = 0;
  std::vector<uint8_t> bytes_;
};

}  // namespace posenet
