// Float views over PoseNet's three output heads, plus the two conversions callers need to get
// there: uint8 dequantization ((q - zero_point) * scale) and joining separate forward/backward
// displacement tensors into one 64-channel mid-offset tensor.
//
// Layouts (one cell per `stride` input pixels, cell (i, j) <-> input pixel (stride*i, stride*j)):
//   heatmaps       [Ho, Wo, 17]  logits; score = sigmoid(logit)
//   short_offsets  [Ho, Wo, 34]  pixels; keypoint k: dy = channel k, dx = channel 17 + k
//   mid_offsets    [Ho, Wo, 64]  pixels; forward edge e: dy = e, dx = 16 + e;
//                                backward edge e: dy = 32 + e, dx = 48 + e
// Views never own memory: the caller keeps the buffers alive while decoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/status.h"

namespace posenet {

inline constexpr int kShortOffsetChannels = 34;
inline constexpr int kMidOffsetChannels = 64;
inline constexpr int kDisplacementChannels = 32;  // one direction (fwd or bwd) of the mid offsets

// A dense [height, width, channels] float tensor, row-major, channels innermost.
struct GridView {
  const float* data = nullptr;
  int height = 0, width = 0, channels = 0;

  size_t size() const { return static_cast<size_t>(height) * width * channels; }
  float At(int y, int x, int c) const {
    return data[(static_cast<size_t>(y) * width + x) * channels + c];
  }
};

// A view over `data` checked to hold exactly height * width * channels floats.
Result<GridView> MakeGridView(std::span<const float> data, int height, int width, int channels);

struct OutputViews {
  GridView heatmaps;       // 17 channels, logits
  GridView short_offsets;  // 34 channels, pixels
  GridView mid_offsets;    // 64 channels, pixels
};

// Ok when the three views are non-empty, share one grid size and have 17/34/64 channels.
Status ValidateOutputViews(const OutputViews& views);

// out[i] = (q[i] - zero_point) * scale, in float32 as TFLite and Coral compute it. `out` must
// have q.size() elements.
Status DequantizeUInt8(std::span<const uint8_t> q, float scale, int64_t zero_point,
                       std::span<float> out);

// Writes the 64-channel mid offsets (fwd's 32 channels, then bwd's 32, per cell) into `out`
// (height * width * 64 floats) and returns a view over it. fwd and bwd are [H, W, 32] each,
// as Google's float model emits them (`displacement_fwd_2`, `displacement_bwd_2`).
Result<GridView> JoinDisplacements(const GridView& fwd, const GridView& bwd, std::span<float> out);

}  // namespace posenet
