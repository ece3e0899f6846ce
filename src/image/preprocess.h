// Writing a resized RGB8 picture into the model's input tensor (NHWC, batch 1).
//
// uint8 models (Coral's) take the raw bytes: their input quantization (scale 1/128, zero point
// 128) already means p/128 - 1. Float models take (p - mean[c]) / std[c] per channel c,
// computed in float32 exactly as written (a 256-entry table per channel). Presets:
//   kTfjsNormalization  (p - 127.5) / 127.5  tfjs MobileNet, TFLite Raspberry Pi example.
//                                            (tfjs itself computes p / 127.5 - 1, which can
//                                            differ from this by one float ulp.)
//   kCoralNormalization (p - 128) / 128      = p/128 - 1 exactly: Coral's float path,
//                                            TFLite Android example.
#pragma once

#include <cstdint>
#include <span>

#include "base/status.h"
#include "image/image.h"

namespace posenet {

struct InputNormalization {
  float mean[3] = {127.5f, 127.5f, 127.5f};
  float std[3] = {127.5f, 127.5f, 127.5f};
};

inline constexpr InputNormalization kTfjsNormalization{{127.5f, 127.5f, 127.5f},
                                                       {127.5f, 127.5f, 127.5f}};
inline constexpr InputNormalization kCoralNormalization{{128.0f, 128.0f, 128.0f},
                                                        {128.0f, 128.0f, 128.0f}};

enum class InputElementType { kUInt8, kFloat32 };

// Copies the pixels of `image` into `tensor` (exactly width * height * 3 bytes).
Status WriteUInt8Input(const ImageView& image, std::span<uint8_t> tensor);

// Writes (p - mean) / std for every byte of `image` into `tensor` (width * height * 3 floats).
// Fails if a std is zero or not finite.
Status WriteFloatInput(const ImageView& image, const InputNormalization& norm,
                       std::span<float> tensor);

// Either of the above, into the raw bytes of an input tensor (e.g. Session::input()); for
// kFloat32 the bytes must be 4-byte aligned, as tensor arenas are.
Status WriteModelInput(const ImageView& image, InputElementType type,
                       const InputNormalization& norm, std::span<uint8_t> tensor_bytes);

}  // namespace posenet
