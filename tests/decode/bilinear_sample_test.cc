#include "decode/bilinear_sample.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace posenet {
namespace {

// 2 x 3 grid, 2 channels; channel 0 rows: [1 2 4] [8 16 32], channel 1 = 10 * channel 0.
struct Grid {
  std::vector<float> data;
  GridView view;
  Grid() {
    const float c0[6] = {1, 2, 4, 8, 16, 32};
    for (float v : c0) {
      data.push_back(v);
      data.push_back(10 * v);
    }
    view = {data.data(), 2, 3, 2};
  }
};

TEST(SampleBilinear, FractionalPointByHand) {
  const Grid g;
  // (y 0.25, x 1.5): 0.75 * (0.5 * 2 + 0.5 * 4) + 0.25 * (0.5 * 16 + 0.5 * 32) = 2.25 + 6.
  EXPECT_FLOAT_EQ(SampleBilinear(g.view, 0.25f, 1.5f, 0), 8.25f);
  EXPECT_FLOAT_EQ(SampleBilinear(g.view, 0.25f, 1.5f, 1), 82.5f);
  EXPECT_EQ(SampleBilinear(g.view, 1.0f, 2.0f, 0), 32.0f);  // cell i sits at coordinate i
}

TEST(SampleBilinear, ClampsCoordinatesToTheGrid) {
  const Grid g;
  EXPECT_EQ(SampleBilinear(g.view, -3.0f, 10.0f, 0), 4.0f);
  EXPECT_FLOAT_EQ(SampleBilinear(g.view, 5.0f, 0.5f, 0), 12.0f);
  EXPECT_EQ(SampleBilinear(g.view, NAN, NAN, 0), 1.0f);
}

TEST(ClampCoord, NanGoesToLow) {
  EXPECT_EQ(ClampCoord(NAN, 0.0f, 4.0f), 0.0f);
  EXPECT_EQ(ClampCoord(-1.0f, 0.0f, 4.0f), 0.0f);
  EXPECT_EQ(ClampCoord(4.5f, 0.0f, 4.0f), 4.0f);
  EXPECT_EQ(ClampCoord(2.5f, 0.0f, 4.0f), 2.5f);
}

}  // namespace
}  // namespace posenet
