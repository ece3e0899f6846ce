#include "decode/output_views.h"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

namespace posenet {
namespace {

TEST(DequantizeUInt8, SubtractsZeroPointThenScales) {
  const std::vector<uint8_t> q = {0, 117, 128, 255};
  std::vector<float> out(4);
  ASSERT_TRUE(DequantizeUInt8(q, 0.5f, 128, out).ok());
  EXPECT_EQ(out, (std::vector<float>{-64.0f, -5.5f, 0.0f, 63.5f}));
}

TEST(DequantizeUInt8, RejectsWrongOutputSize) {
  const std::vector<uint8_t> q = {1, 2, 3};
  std::vector<float> out(2);
  const Status s = DequantizeUInt8(q, 1.0f, 0, out);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("cannot dequantize"), std::string::npos) << s.message();
}

TEST(MakeGridView, IndexesRowMajorChannelsInnermost) {
  std::vector<float> data(2 * 3 * 2);
  std::iota(data.begin(), data.end(), 0.0f);
  auto v = MakeGridView(data, 2, 3, 2);
  ASSERT_TRUE(v.ok()) << v.message();
  EXPECT_EQ(v->At(1, 2, 1), 11.0f);  // (1 * 3 + 2) * 2 + 1
  EXPECT_EQ(v->At(0, 1, 0), 2.0f);
  EXPECT_FALSE(MakeGridView(data, 2, 3, 3).ok());
  EXPECT_FALSE(MakeGridView(data, 0, 3, 2).ok());
}

TEST(ValidateOutputViews, ChecksChannelsAndGrid) {
  std::vector<float> heat(2 * 3 * 17), shorts(2 * 3 * 34), mids(2 * 3 * 64), small(2 * 2 * 34);
  OutputViews v{{heat.data(), 2, 3, 17}, {shorts.data(), 2, 3, 34}, {mids.data(), 2, 3, 64}};
  EXPECT_TRUE(ValidateOutputViews(v).ok());

  OutputViews swapped = v;
  swapped.mid_offsets = {shorts.data(), 2, 3, 34};
  const Status s = ValidateOutputViews(swapped);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("mid offsets"), std::string::npos) << s.message();

  OutputViews other_grid = v;
  other_grid.short_offsets = {small.data(), 2, 2, 34};
  EXPECT_FALSE(ValidateOutputViews(other_grid).ok());

  OutputViews missing = v;
  missing.heatmaps.data = nullptr;
  EXPECT_FALSE(ValidateOutputViews(missing).ok());
}

TEST(JoinDisplacements, PutsForwardThenBackwardPerCell) {
  const int h = 2, w = 2;
  std::vector<float> fwd(h * w * 32), bwd(h * w * 32), out(h * w * 64);
  std::iota(fwd.begin(), fwd.end(), 1000.0f);
  std::iota(bwd.begin(), bwd.end(), 2000.0f);
  auto mid = JoinDisplacements({fwd.data(), h, w, 32}, {bwd.data(), h, w, 32}, out);
  ASSERT_TRUE(mid.ok()) << mid.message();
  EXPECT_EQ(mid->channels, 64);
  // Cell (0, 1) is cell index 1: fwd channel 5 and bwd channel 7 of that cell.
  EXPECT_EQ(mid->At(0, 1, 5), 1000.0f + 32 + 5);
  EXPECT_EQ(mid->At(0, 1, 32 + 7), 2000.0f + 32 + 7);
  EXPECT_EQ(mid->At(1, 1, 63), 2000.0f + 3 * 32 + 31);

  std::vector<float> too_small(h * w * 63);
  EXPECT_FALSE(JoinDisplacements({fwd.data(), h, w, 32}, {bwd.data(), h, w, 32}, too_small).ok());
  EXPECT_FALSE(JoinDisplacements({fwd.data(), h, w, 32}, {bwd.data(), h, 1, 32}, out).ok());
}

}  // namespace
}  // namespace posenet
