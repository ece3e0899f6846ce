#include "decode/bilinear_sample.h"

#include <cmath>

namespace posenet {

float ClampCoord(float v, float lo, float hi) {
  if (!(v >= lo)) return lo;
  return hi < v ? hi : v;
}

float SampleBilinear(const GridView& grid, float y, float x, int channel) {
  const float yc = ClampCoord(y, 0.0f, static_cast<float>(grid.height - 1));
  const float xc = ClampCoord(x, 0.0f, static_cast<float>(grid.width - 1));
  const int y0 = static_cast<int>(std::floor(yc)), y1 = static_cast<int>(std::ceil(yc));
  const int x0 = static_cast<int>(std::floor(xc)), x1 = static_cast<int>(std::ceil(xc));
  const float fy = yc - static_cast<float>(y0), fx = xc - static_cast<float>(x0);
  const float tl = grid.At(y0, x0, channel), tr = grid.At(y0, x1, channel);
  const float bl = grid.At(y1, x0, channel), br = grid.At(y1, x1, channel);
  return (1 - fy) * ((1 - fx) * tl + fx * tr) + fy * ((1 - fx) * bl + fx * br);
}

}  // namespace posenet
