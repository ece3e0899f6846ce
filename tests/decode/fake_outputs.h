// Hand-built network outputs for decoder tests: zero offsets and very negative logits
// everywhere unless a test sets them.
#pragma once

#include <vector>

#include "decode/output_views.h"
#include "posenet/pose.h"

namespace posenet::testing {

struct FakeOutputs {
  int h, w;
  std::vector<float> heat, shorts, mids;

  FakeOutputs(int height, int width, float background_logit = -20.0f)
      : h(height),
        w(width),
        heat(static_cast<size_t>(height) * width * kNumKeypoints, background_logit),
        shorts(static_cast<size_t>(height) * width * kShortOffsetChannels, 0.0f),
        mids(static_cast<size_t>(height) * width * kMidOffsetChannels, 0.0f) {}

  size_t Cell(int y, int x) const { return static_cast<size_t>(y) * w + x; }
  float& Heat(int y, int x, int k) { return heat[Cell(y, x) * kNumKeypoints + k]; }
  // Short offset of keypoint k at (y, x), in pixels.
  void SetShort(int y, int x, int k, float dy, float dx) {
    shorts[Cell(y, x) * kShortOffsetChannels + k] = dy;
    shorts[Cell(y, x) * kShortOffsetChannels + kNumKeypoints + k] = dx;
  }
  // Forward (bwd = false) or backward displacement of edge e at (y, x), in pixels.
  void SetMid(int y, int x, int e, bool bwd, float dy, float dx) {
    const size_t base = Cell(y, x) * kMidOffsetChannels + (bwd ? 32 : 0);
    mids[base + e] = dy;
    mids[base + 16 + e] = dx;
  }
  float& MidChannel(int y, int x, int c) { return mids[Cell(y, x) * kMidOffsetChannels + c]; }
  float& ShortChannel(int y, int x, int c) { return shorts[Cell(y, x) * kShortOffsetChannels + c]; }

  OutputViews Views() const {
    return {{heat.data(), h, w, kNumKeypoints},
            {shorts.data(), h, w, kShortOffsetChannels},
            {mids.data(), h, w, kMidOffsetChannels}};
  }
};

}  // namespace posenet::testing
