// Bilinear sampling of a [H, W, C] grid at a fractional (y, x) in grid units, as Coral's
// PosenetDecoderOp does it: cell i sits at coordinate i (no half-pixel shift), the coordinate is
// clamped to [0, n - 1], lo = floor, hi = ceil, f = coord - lo, and
//   v = (1 - fy) * ((1 - fx) * TL + fx * TR) + fy * ((1 - fx) * BL + fx * BR)
// evaluated in float32 in exactly that order (the decode library is built with
// -ffp-contract=off so no FMA changes the rounding). A NaN coordinate samples at 0.
#pragma once

#include "decode/output_views.h"

namespace posenet {

// Clamps to [lo, hi]; NaN maps to lo so that it can never become an invalid index.
float ClampCoord(float v, float lo, float hi);

float SampleBilinear(const GridView& grid, float y, float x, int channel);

}  // namespace posenet
