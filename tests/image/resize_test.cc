// Resize: Pillow's NEAREST index sequence and tfjs's bilinear, on hand-computed cases and
// against the bilinear formula written out per pixel.
#include "image/resize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace posenet {
namespace {

// An RGB picture whose three channels all hold `gray` values (row-major).
Image Gray(int w, int h, const std::vector<int>& gray) {
  Image img(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      for (int c = 0; c < 3; ++c) img.pixel(x, y)[c] = static_cast<uint8_t>(gray[y * w + x]);
    }
  }
  return img;
}

// Channel 0 of every pixel, row-major; fails if the channels disagree.
std::vector<int> Channel0(const Image& img) {
  std::vector<int> v;
  for (int y = 0; y < img.height(); ++y) {
    for (int x = 0; x < img.width(); ++x) {
      const uint8_t* p = img.pixel(x, y);
      EXPECT_EQ(p[0], p[1]);
      EXPECT_EQ(p[0], p[2]);
      v.push_back(p[0]);
    }
  }
  return v;
}

TEST(PilNearest, SmallSizesByHand) {
  // 5 -> 3: scale 5/3, positions 0.83, 2.5, 4.17.
  EXPECT_EQ(PilNearestIndices(5, 3), (std::vector<int>{0, 2, 4}));
  // 3 -> 5: scale 0.6, positions 0.3, 0.9, 1.5, 2.1, 2.7.
  EXPECT_EQ(PilNearestIndices(3, 5), (std::vector<int>{0, 0, 1, 2, 2}));
  // 4 -> 2: scale 2, positions 1, 3.
  EXPECT_EQ(PilNearestIndices(4, 2), (std::vector<int>{1, 3}));
  EXPECT_EQ(PilNearestIndices(1, 3), (std::vector<int>{0, 0, 0}));
  EXPECT_EQ(PilNearestIndices(7, 7), (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
}

TEST(PilNearest, AccumulatedErrorPicksTheLowerRow) {
  // posenet-decoding.md section 3: where (i + 0.5) * src / dst is an exact integer, the
  // accumulated position lands just below it.
  EXPECT_EQ(PilNearestIndices(1278, 353)[176], 638);
  EXPECT_EQ(PilNearestIndices(1278, 481)[240], 638);
  EXPECT_EQ(PilNearestIndices(1278, 721)[360], 638);
  const std::vector<int> cols = PilNearestIndices(1920, 1281);
  EXPECT_EQ(cols[213], 319);
  EXPECT_EQ(cols[1067], 1599);
  // Elsewhere the two forms agree, and the accumulated one is never higher.
  const std::vector<int> rows = PilNearestIndices(1278, 481);
  int differences = 0;
  for (int i = 0; i < 481; ++i) {
    const int closed = static_cast<int>(std::floor((i + 0.5) * 1278.0 / 481.0));
    EXPECT_TRUE(rows[i] == closed || rows[i] == closed - 1) << i;
    differences += rows[i] != closed;
  }
  EXPECT_GE(differences, 1);
}

TEST(ResizeNearest, PicksPillowPixels) {
  const Image src = Gray(5, 1, {10, 20, 30, 40, 50});
  Image dst(3, 2);
  ResizeNearest(src.view(), Borders{}, dst);
  EXPECT_EQ(Channel0(dst), (std::vector<int>{10, 30, 50, 10, 30, 50}));
}

TEST(ResizeNearest, ReadsStridedViewsAndKeepsChannels) {
  // 2x2 picture stored with 2 bytes of row padding; distinct R, G, B.
  const uint8_t bytes[] = {1, 2, 3, 4,  5,  6,  99, 99,  //
                           7, 8, 9, 10, 11, 12, 99, 99};
  const ImageView view{bytes, 2, 2, 8};
  Image dst(2, 2);
  ResizeNearest(view, Borders{}, dst);
  EXPECT_EQ(dst.bytes(), (std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
}

// The 2x2 RGB picture of ReadsStridedViewsAndKeepsChannels written in `format` (alpha 255),
// with 3 bytes of row padding.
std::vector<uint8_t> InFormat(PixelFormat format) {
  const uint8_t rgb[4][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}};
  std::vector<uint8_t> bytes;
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 2; ++x) {
      const uint8_t* p = rgb[y * 2 + x];
      if (IsBlueFirst(format)) {
        bytes.insert(bytes.end(), {p[2], p[1], p[0]});
      } else {
        bytes.insert(bytes.end(), {p[0], p[1], p[2]});
      }
      if (BytesPerPixel(format) == 4) bytes.push_back(255);
    }
    bytes.insert(bytes.end(), {99, 99, 99});
  }
  return bytes;
}

TEST(ResizeNearest, ReadsEveryPixelFormatAsRgb) {
  for (PixelFormat format :
       {PixelFormat::kRgb, PixelFormat::kBgr, PixelFormat::kRgba, PixelFormat::kBgra}) {
    const std::vector<uint8_t> bytes = InFormat(format);
    const ImageView view{bytes.data(), 2, 2, bytes.size() / 2, format};
    Image dst(2, 2);
    ResizeNearest(view, Borders{}, dst);
    EXPECT_EQ(dst.bytes(), (std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}))
        << static_cast<int>(format);
  }
}

TEST(ResizeBilinear, EveryPixelFormatGivesTheRgbResult) {
  // 2x2 -> 3x3 with a border on each side: blends neighbours and black in every channel.
  const std::vector<uint8_t> rgb = InFormat(PixelFormat::kRgb);
  Image expected(3, 3);
  ResizeBilinear(ImageView{rgb.data(), 2, 2, rgb.size() / 2}, Borders{1, 1, 1, 1}, expected);
  for (PixelFormat format : {PixelFormat::kBgr, PixelFormat::kRgba, PixelFormat::kBgra}) {
    const std::vector<uint8_t> bytes = InFormat(format);
    Image dst(3, 3);
    ResizeBilinear(ImageView{bytes.data(), 2, 2, bytes.size() / 2, format}, Borders{1, 1, 1, 1},
                   dst);
    EXPECT_EQ(dst.bytes(), expected.bytes()) << static_cast<int>(format);
  }
  // Not all black and not a copy of one channel: the comparison above means something.
  EXPECT_NE(expected.pixel(1, 1)[0], expected.pixel(1, 1)[2]);
}

TEST(ResizeBilinear, UpsampleWithoutHalfPixelCenters) {
  // 2 -> 4: positions 0, 0.5, 1, 1.5; the last clamps to the edge pixel.
  const Image src = Gray(2, 1, {0, 100});
  Image dst(4, 1);
  ResizeBilinear(src.view(), Borders{}, dst);
  EXPECT_EQ(Channel0(dst), (std::vector<int>{0, 50, 100, 100}));
}

TEST(ResizeBilinear, TwoByTwoToThreeByThreeByHand) {
  // positions 0, 2/3, 4/3 on both axes.
  // row 0: 0, 90*2/3 = 60, 90
  // row 1 (fy = 2/3): 0 + 180*2/3 = 120; top 60, bottom 180 + 75*2/3 = 230 -> 173.33; 90 ->
  //        90 + 165*2/3 = 200
  // row 2: 180, 230, 255
  const Image src = Gray(2, 2, {0, 90, 180, 255});
  Image dst(3, 3);
  ResizeBilinear(src.view(), Borders{}, dst);
  EXPECT_EQ(Channel0(dst), (std::vector<int>{0, 60, 90, 120, 173, 200, 180, 230, 255}));
}

TEST(ResizeBilinear, DownsampleSamplesWithoutAveraging) {
  // 4 -> 2: positions 0 and 2 exactly.
  const Image src = Gray(4, 1, {10, 200, 30, 250});
  Image dst(2, 1);
  ResizeBilinear(src.view(), Borders{}, dst);
  EXPECT_EQ(Channel0(dst), (std::vector<int>{10, 30}));
}

TEST(ResizeBilinear, RoundsToNearestLevel) {
  // 3 -> 2: positions 0 and 1.5: (10 + 15) / 2 = 12.5 rounds up, half away from zero.
  const Image src = Gray(3, 1, {0, 10, 15});
  Image dst(2, 1);
  ResizeBilinear(src.view(), Borders{}, dst);
  EXPECT_EQ(Channel0(dst), (std::vector<int>{0, 13}));
}

// The header's bilinear formula written out per output pixel and channel, straight from
// tf.image.resizeBilinear (no half-pixel centres), as a second implementation: the library
// interpolates each source row once and reuses it, and copies when nothing is resized.
std::vector<uint8_t> BilinearByFormula(const ImageView& src, const Borders& pad, int dst_w,
                                       int dst_h) {
  const int step = src.format == PixelFormat::kRgba || src.format == PixelFormat::kBgra ? 4 : 3;
  const int red = src.format == PixelFormat::kBgr || src.format == PixelFormat::kBgra ? 2 : 0;
  const int padded_w = src.width + pad.left + pad.right;
  const int padded_h = src.height + pad.top + pad.bottom;
  // Channel c of padded pixel (x, y): 0 on the borders.
  auto at = [&](int x, int y, int c) -> int {
    x -= pad.left;
    y -= pad.top;
    if (x < 0 || y < 0 || x >= src.width || y >= src.height) return 0;
    const int offset = c == 1 ? 1 : c == 0 ? red : 2 - red;
    return src.data[static_cast<size_t>(y) * src.stride + static_cast<size_t>(x) * step + offset];
  };
  std::vector<uint8_t> out;
  for (int y = 0; y < dst_h; ++y) {
    const double sy = static_cast<double>(padded_h) / dst_h * y;
    const int y0 = static_cast<int>(std::floor(sy));
    const int y1 = std::min(padded_h - 1, static_cast<int>(std::ceil(sy)));
    for (int x = 0; x < dst_w; ++x) {
      const double sx = static_cast<double>(padded_w) / dst_w * x;
      const int x0 = static_cast<int>(std::floor(sx));
      const int x1 = std::min(padded_w - 1, static_cast<int>(std::ceil(sx)));
      for (int c = 0; c < 3; ++c) {
        const double top = at(x0, y0, c) + (at(x1, y0, c) - at(x0, y0, c)) * (sx - x0);
        const double bottom = at(x0, y1, c) + (at(x1, y1, c) - at(x0, y1, c)) * (sx - x0);
        const float v = static_cast<float>(top + (bottom - top) * (sy - y0));
        out.push_back(static_cast<uint8_t>(std::clamp(std::lround(v), 0L, 255L)));
      }
    }
  }
  return out;
}

TEST(ResizeBilinear, MatchesTheFormulaOnRandomPictures) {
  std::mt19937 random(7);
  struct Case {
    int src_w, src_h, dst_w, dst_h;
    Borders pad;
    PixelFormat format;
  };
  const Case cases[] = {
      {640, 480, 641, 481, {}, PixelFormat::kRgba},             // a camera frame, just larger
      {97, 61, 33, 29, {}, PixelFormat::kRgb},                  // downscale, odd ratios
      {31, 17, 31, 17, {}, PixelFormat::kBgra},                 // the same size: a copy
      {31, 17, 31, 17, {2, 1, 0, 3}, PixelFormat::kBgr},        // same size, but borders
      {50, 20, 45, 45, {13, 12, 0, 0}, PixelFormat::kRgb},      // pad mode's black rows
      {7, 300, 120, 90, {0, 0, 147, 146}, PixelFormat::kRgba},  // tall, borders left and right
  };
  for (const Case& c : cases) {
    const int step = c.format == PixelFormat::kRgba || c.format == PixelFormat::kBgra ? 4 : 3;
    const size_t stride = static_cast<size_t>(c.src_w) * step + 5;  // rows with slack
    std::vector<uint8_t> bytes(stride * c.src_h);
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(random());
    const ImageView src{bytes.data(), c.src_w, c.src_h, stride, c.format};
    Image dst(c.dst_w, c.dst_h);
    ResizeBilinear(src, c.pad, dst);
    EXPECT_EQ(dst.bytes(), BilinearByFormula(src, c.pad, c.dst_w, c.dst_h))
        << c.src_w << "x" << c.src_h << " -> " << c.dst_w << "x" << c.dst_h;
  }
}

TEST(ResizeBilinear, SameSizeCopiesTheChannels) {
  // RGBA in, RGB out: the alpha byte (here 99) is dropped, nothing else changes.
  const std::vector<uint8_t> rgba = {10, 20, 30, 99, 40, 50, 60, 99, 70, 80, 90, 99, 1, 2, 3, 99};
  Image dst(2, 2);
  ResizeBilinear(ImageView{rgba.data(), 2, 2, 8, PixelFormat::kRgba}, Borders{}, dst);
  EXPECT_EQ(dst.bytes(), (std::vector<uint8_t>{10, 20, 30, 40, 50, 60, 70, 80, 90, 1, 2, 3}));
}

TEST(ResizeForModel, PadModeNearestPutsBlackBordersAboveAndBelow) {
  // 4x2 into 4x4: pad top = bottom = round(0.5 * (4 - 2)) = 1; scale 1.
  const Image src = Gray(4, 2, {1, 2, 3, 4, 5, 6, 7, 8});
  Image out;
  auto t = ResizeForModel(src.view(), 4, 4, {ResizeFilter::kNearest, ResizeMode::kPad}, out);
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(out.width(), 4);
  EXPECT_EQ(out.height(), 4);
  EXPECT_EQ(Channel0(out), (std::vector<int>{0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0}));
  EXPECT_EQ(t->padding.top, 1);
  EXPECT_EQ(t->padding.bottom, 1);
  EXPECT_EQ(t->padding.left, 0);
  EXPECT_DOUBLE_EQ(t->ToPictureY(1), 0);  // model row 1 shows picture row 0
}

TEST(ResizeForModel, PadModeBilinearBlendsTheBorderAsBlack) {
  // 2x1 of 200 into 2x2: pad top = bottom = round(0.5) = 1, padded 2x3 -> 2x2 with y ratio
  // 1.5: row 0 samples the top border, row 1 samples halfway between content and bottom border.
  const Image src = Gray(2, 1, {200, 200});
  Image out;
  auto t = ResizeForModel(src.view(), 2, 2, {ResizeFilter::kBilinear, ResizeMode::kPad}, out);
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(Channel0(out), (std::vector<int>{0, 0, 100, 100}));
}

TEST(ResizeForModel, StretchIgnoresAspect) {
  const Image src = Gray(4, 1, {1, 2, 3, 4});
  Image out(7, 7);  // resized to the model size
  auto t = ResizeForModel(src.view(), 2, 3, {}, out);
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(Channel0(out), (std::vector<int>{2, 4, 2, 4, 2, 4}));
  EXPECT_DOUBLE_EQ(t->scale_x, 2.0);
  EXPECT_DOUBLE_EQ(t->scale_y, 1.0 / 3.0);
}

TEST(ResizeForModel, RejectsEmptySizes) {
  const Image src = Gray(2, 2, {0, 0, 0, 0});
  Image out;
  auto bad_model = ResizeForModel(src.view(), 0, 5, {}, out);
  ASSERT_FALSE(bad_model.ok());
  EXPECT_NE(bad_model.message().find("cannot resize picture"), std::string::npos);
  const Image empty;
  EXPECT_FALSE(ResizeForModel(empty.view(), 5, 5, {}, out).ok());
  ImageView unknown = src.view();
  unknown.format = static_cast<PixelFormat>(7);
  auto bad_format = ResizeForModel(unknown, 5, 5, {}, out);
  ASSERT_FALSE(bad_format.ok());
  EXPECT_NE(bad_format.message().find("unknown pixel format"), std::string::npos);
}

}  // namespace
}  // namespace posenet
