// Resizing an RGB8 picture to the model input size.
//
// Nearest (ResizeFilter::kNearest) reproduces Pillow's Image.resize(..., Image.NEAREST) bit for
// bit, which is how Coral's reference results were made. Pillow does not use the closed form
// floor((i + 0.5) * src / dst): it computes scale = src / dst in double, starts at
// pos = 0.5 * scale and, for each output pixel i, takes index (int)pos and then adds scale to
// pos. The accumulated rounding error makes some indices one lower than the closed form (e.g.
// row 240 of 1278 -> 481 takes row 638, not 639), so we accumulate exactly the same way.
//
// Bilinear (ResizeFilter::kBilinear) follows tf.image.resizeBilinear as tfjs posenet calls it
// (alignCorners = false, halfPixelCenters = false): output pixel i samples source position
// s = i * src / dst (no half-pixel shift, so the first output pixel is exactly source pixel 0),
// lo = floor(s), hi = min(lo + 1, src - 1), f = s - lo, and
//   top = TL + (TR - TL) * fx,  bottom = BL + (BR - BL) * fx,  value = top + (bottom - top) * fy
// in double, stored as float as tfjs's Float32Array does, then rounded to the nearest uint8
// (tfjs keeps the float; the rounding moves each value by at most 0.5 of a level).
//
// In ResizeMode::kPad the picture is first surrounded by black borders (input_transform.h);
// the borders are virtual (never allocated) and sampled as 0 by either filter.
#pragma once

#include <vector>

#include "base/status.h"
#include "image/image.h"
#include "image/input_transform.h"

namespace posenet {

enum class ResizeFilter { kNearest, kBilinear };

struct ResizeOptions {
  ResizeFilter filter = ResizeFilter::kNearest;
  ResizeMode mode = ResizeMode::kStretch;
};

// The source index Pillow's NEAREST picks for each of the dst_size outputs (src, dst > 0).
std::vector<int> PilNearestIndices(int src_size, int dst_size);

// Nearest / bilinear resize of `src`, surrounded by `padding` black pixels, into all of `dst`
// (whose size is the target size). `src` must not be empty; it may be RGB, BGR, RGBA or BGRA
// (alpha is not read), `dst` is RGB: the channels are reordered as they are read.
void ResizeNearest(const ImageView& src, const Borders& padding, Image& dst);
void ResizeBilinear(const ImageView& src, const Borders& padding, Image& dst);

// Resizes `picture` to model_w x model_h into `out` (reallocated only if its size changes)
// and returns how model-input coordinates map back to the picture.
Result<InputTransform> ResizeForModel(const ImageView& picture, int model_w, int model_h,
                                      const ResizeOptions& options, Image& out);

}  // namespace posenet
