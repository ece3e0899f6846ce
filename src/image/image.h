// RGB8 pictures in memory: Image owns its pixels, ImageView borrows someone else's.
//
// Both are interleaved RGB, 3 bytes per pixel, rows top to bottom. An Image is tightly packed
// (stride = 3 * width); a view may have padded rows (stride >= 3 * width), e.g. a cv::Mat ROI.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace posenet {

struct ImageView {
  const uint8_t* data = nullptr;  // first byte of the top-left pixel (R)
  int width = 0;
  int height = 0;
  size_t stride = 0;  // bytes from one row to the next

  static constexpr int kChannels = 3;
  bool empty() const { return width <= 0 || height <= 0 || data == nullptr; }
  const uint8_t* row(int y) const { return data + static_cast<size_t>(y) * stride; }
  const uint8_t* pixel(int x, int y) const { return row(y) + static_cast<size_t>(x) * 3; }
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
