#include "image/preprocess.h"

#include <cmath>
#include <cstring>
#include <string>

namespace posenet {
namespace {

size_t ElementCount(const ImageView& image) {
  return static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 3;
}

Status SizeMismatch(const ImageView& image, size_t elements, const char* what) {
  return Status::Error("cannot write model input: a " + std::to_string(image.width) + "x" +
                       std::to_string(image.height) + " picture needs " +
                       std::to_string(ElementCount(image)) + " " + what + ", the tensor has " +
                       std::to_string(elements));
}

Status NotRgb() {
  return Status::Error("cannot write model input: the picture is not RGB (resize it first)");
}

}  // namespace

Status WriteUInt8Input(const ImageView& image, std::span<uint8_t> tensor) {
  if (image.format != PixelFormat::kRgb) return NotRgb();
  if (tensor.size() != ElementCount(image)) return SizeMismatch(image, tensor.size(), "bytes");
  const size_t row_bytes = static_cast<size_t>(image.width) * 3;
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(tensor.data() + y * row_bytes, image.row(y), row_bytes);
  }
  return Status::Ok();
}

Status WriteFloatInput(const ImageView& image, const InputNormalization& norm,
                       std::span<float> tensor) {
  if (image.format != PixelFormat::kRgb) return NotRgb();
  if (tensor.size() != ElementCount(image)) return SizeMismatch(image, tensor.size(), "floats");
  float table[3][256];
  for (int c = 0; c < 3; ++c) {
    if (!std::isfinite(norm.std[c]) || norm.std[c] == 0.0f || !std::isfinite(norm.mean[c])) {
      return Status::Error("cannot write model input: channel " + std::to_string(c) +
                           " normalization needs a finite mean and a finite non-zero std");
    }
    for (int p = 0; p < 256; ++p) {
      table[c][p] = (static_cast<float>(p) - norm.mean[c]) / norm.std[c];
    }
  }
  float* out = tensor.data();
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* in = image.row(y);
    for (int x = 0; x < image.width; ++x, in += 3, out += 3) {
      out[0] = table[0][in[0]];
      out[1] = table[1][in[1]];
      out[2] = table[2][in[2]];
    }
  }
  return Status::Ok();
}

Status WriteModelInput(const ImageView& image, InputElementType type,
                       const InputNormalization& norm, std::span<uint8_t> tensor_bytes) {
  if (type == InputElementType::kUInt8) return WriteUInt8Input(image, tensor_bytes);
  if (reinterpret_cast<uintptr_t>(tensor_bytes.data()) % alignof(float) != 0 ||
      tensor_bytes.size() % sizeof(float) != 0) {
    return Status::Error("cannot write model input: the float tensor's bytes are misaligned");
  }
  // The arena holds float32 objects at this address; viewing its bytes as floats is how
  // every tensor is accessed.
  std::span<float> floats(reinterpret_cast<float*>(tensor_bytes.data()),
                          tensor_bytes.size() / sizeof(float));
  return WriteFloatInput(image, norm, floats);
}

}  // namespace posenet
