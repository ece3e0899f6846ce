// Element types, shapes and quantization parameters shared by every layer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace posenet {

enum class DataType : uint8_t { kFloat32, kUInt8, kInt8, kInt32, kInt64 };

constexpr size_t SizeOf(DataType t) {
  switch (t) {
    case DataType::kFloat32:
      return 4;
    case DataType::kUInt8:
      return 1;
    case DataType::kInt8:
      return 1;
    case DataType::kInt32:
      return 4;
    case DataType::kInt64:
      return 8;
  }
  return 0;
}

constexpr std::string_view Name(DataType t) {
  switch (t) {
    case DataType::kFloat32:
      return "float32";
    case DataType::kUInt8:
      return "uint8";
    case DataType::kInt8:
      return "int8";
    case DataType::kInt32:
      return "int32";
    case DataType::kInt64:
      return "int64";
  }
  return "?";
}

// Dimensions, outermost first (NHWC for images, OHWI for convolution filters).
using Shape = std::vector<int32_t>;

// Affine quantization: real = scale * (q - zero_point). One entry for per-tensor, or one per
// slice of `quantized_dimension` for per-channel weights. Empty means not quantized.
struct Quantization {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t quantized_dimension = 0;

  bool empty() const { return scale.empty(); }
  bool per_channel() const { return scale.size() > 1; }
};

}  // namespace posenet
