// Decodes the uint8 tensors that feed PosenetDecoderOp in Coral's *_quant_decoder.tflite
// (computed for test_couple.jpg, see ../shared/data/README.md) and compares the poses with the
// CSVs Coral's own engine produced, with Coral's test tolerance (4 px, 0.1 score).
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "../support/reference_meta.h"
#include "../support/shared_data.h"
#include "decode/multi_pose_coral.h"
#include "decode/multi_pose_tfjs.h"
#include "decode/output_views.h"

namespace posenet {
namespace {

struct Size {
  int h, w;
};

// The dequantized head tensors of one input size; views point into this object.
struct Heads {
  std::vector<float> heat, shorts, mids;
  OutputViews views;
};

std::vector<float> LoadHead(const std::string& dir,
                            const std::map<std::string, testing::HeadMeta>& heads,
                            const std::string& role, int* h, int* w, int channels) {
  EXPECT_TRUE(heads.contains(role)) << role;
  if (!heads.contains(role)) return {};
  const testing::HeadMeta& head = heads.at(role);
  const std::vector<uint8_t> q = testing::ReadBytes(dir + "/" + head.file);
  const std::vector<int32_t>& shape = head.shape;
  EXPECT_EQ(shape.size(), 3u);
  if (shape.size() != 3) return {};
  EXPECT_EQ(shape[2], channels);
  *h = shape[0];
  *w = shape[1];
  std::vector<float> out(q.size());
  EXPECT_EQ(q.size(), static_cast<size_t>(shape[0]) * shape[1] * shape[2]);
  const Status s = DequantizeUInt8(q, head.scale, head.zero_point, out);
  EXPECT_TRUE(s.ok()) << s.message();
  return out;
}

Heads LoadDecoderHeads(Size size) {
  const std::string dir = testing::SharedPath(
      "data/reference/raw/test_couple_" + std::to_string(size.h) + "x" + std::to_string(size.w));
  const testing::QuantReferenceMeta meta = testing::ReadQuantReferenceMeta(dir);
  const std::string model = "models/posenet_mobilenet_v1_075_" + std::to_string(size.h) + "_" +
                            std::to_string(size.w) + "_quant_decoder.tflite";
  EXPECT_TRUE(meta.models.contains(model)) << model;
  const auto& m = meta.models.contains(model) ? meta.models.at(model)
                                              : std::map<std::string, testing::HeadMeta>{};
  Heads heads;
  int h = 0, w = 0;
  heads.heat = LoadHead(dir, m, "heatmaps", &h, &w, kNumKeypoints);
  heads.shorts = LoadHead(dir, m, "short_offsets", &h, &w, kShortOffsetChannels);
  heads.mids = LoadHead(dir, m, "mid_offsets", &h, &w, kMidOffsetChannels);
  EXPECT_EQ(h, (size.h - 1) / 16 + 1);
  EXPECT_EQ(w, (size.w - 1) / 16 + 1);
  heads.views = {{heads.heat.data(), h, w, kNumKeypoints},
                 {heads.shorts.data(), h, w, kShortOffsetChannels},
                 {heads.mids.data(), h, w, kMidOffsetChannels}};
  return heads;
}

std::string Upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

// Coral's CSV: pose_id, pose_score, keypoint_label, keypoint_score, keypoint_x, keypoint_y,
// 17 rows per pose in keypoint order.
std::vector<Pose> LoadReference(Size size) {
  const std::vector<uint8_t> bytes = testing::ReadBytes(testing::SharedPath(
      "data/reference/coral/posenet_mobilenet_v1_075_" + std::to_string(size.h) + "_" +
      std::to_string(size.w) + "_quant_decoder_reference.csv"));
  std::istringstream in(std::string(bytes.begin(), bytes.end()));
  std::string line;
  std::getline(in, line);  // header
  std::vector<Pose> poses;
  int row = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::istringstream ls(line);
    for (std::string cell; std::getline(ls, cell, ',');) f.push_back(cell);
    EXPECT_EQ(f.size(), 6u) << line;
    if (f.size() != 6) break;
    const int id = std::stoi(f[0]), k = row % kNumKeypoints;
    EXPECT_EQ(id, row / kNumKeypoints) << line;
    EXPECT_EQ(f[2], Upper(KeypointName(k))) << line;
    if (k == 0) poses.emplace_back();
    Pose& p = poses.back();
    p.score = std::stof(f[1]);
    p.keypoints[k] = Keypoint{std::stof(f[4]), std::stof(f[5]), std::stof(f[3])};
    ++row;
  }
  EXPECT_EQ(row % kNumKeypoints, 0);
  return poses;
}

class CoralConformance : public ::testing::TestWithParam<Size> {};

TEST_P(CoralConformance, MatchesCoralReferenceCsv) {
  const Size size = GetParam();
  const Heads heads = LoadDecoderHeads(size);
  const std::vector<Pose> expected = LoadReference(size);
  ASSERT_EQ(expected.size(), 2u);

  const auto got = DecodeMultiPosesCoral(heads.views);
  ASSERT_TRUE(got.ok()) << got.message();
  ASSERT_EQ(got->size(), expected.size());

  float worst_px = 0, worst_score = 0, worst_pose_score = 0;
  std::string worst_where;
  for (size_t i = 0; i < expected.size(); ++i) {
    const Pose& g = (*got)[i];
    const Pose& e = expected[i];
    EXPECT_NEAR(g.score, e.score, 0.1f) << "pose " << i;
    worst_pose_score = std::max(worst_pose_score, std::abs(g.score - e.score));
    for (int k = 0; k < kNumKeypoints; ++k) {
      const Keypoint& gk = g.keypoints[k];
      const Keypoint& ek = e.keypoints[k];
      const std::string where = "pose " + std::to_string(i) + " " + std::string(KeypointName(k));
      EXPECT_NEAR(gk.x, ek.x, 4.0f) << where;
      EXPECT_NEAR(gk.y, ek.y, 4.0f) << where;
      EXPECT_NEAR(gk.score, ek.score, 0.1f) << where;
      const float px = std::max(std::abs(gk.x - ek.x), std::abs(gk.y - ek.y));
      if (px > worst_px) {
        worst_px = px;
        worst_where = where;
      }
      worst_score = std::max(worst_score, std::abs(gk.score - ek.score));
    }
    EXPECT_LE(g.box.x0, g.box.x1);
    EXPECT_LE(g.box.y0, g.box.y1);
  }
  std::printf("%dx%d: largest keypoint error %.3f px (%s), keypoint score %.4f, pose score %.4f\n",
              size.h, size.w, worst_px, worst_where.c_str(), worst_score, worst_pose_score);
}

// The tfjs decoder has other defaults and semantics, so only a sanity check: the two people
// Coral found are there as the two best tfjs poses, noses close to Coral's.
TEST_P(CoralConformance, TfjsDecoderFindsTheTwoPeople) {
  const Size size = GetParam();
  const Heads heads = LoadDecoderHeads(size);
  const std::vector<Pose> expected = LoadReference(size);
  const auto got = DecodeMultiPosesTfjs(heads.views);
  ASSERT_TRUE(got.ok()) << got.message();
  int confident = 0;
  for (const Pose& p : *got) {
    std::printf("tfjs %dx%d pose score %.3f nose (%.1f, %.1f)\n", size.h, size.w, p.score,
                p.keypoints[kNose].x, p.keypoints[kNose].y);
    confident += p.score >= 0.5f;
  }
  ASSERT_EQ(confident, 2);
  for (const Pose& e : expected) {
    bool found = false;
    for (const Pose& p : *got) {
      if (p.score < 0.5f) continue;
      found |= std::hypot(p.keypoints[kNose].x - e.keypoints[kNose].x,
                          p.keypoints[kNose].y - e.keypoints[kNose].y) < 16.0f;
    }
    EXPECT_TRUE(found) << "no tfjs pose near Coral's nose at " << e.keypoints[kNose].x << ", "
                       << e.keypoints[kNose].y;
  }
}

INSTANTIATE_TEST_SUITE_P(AllSizes, CoralConformance,
                         ::testing::Values(Size{353, 481}, Size{481, 641}, Size{721, 1281}),
                         [](const ::testing::TestParamInfo<Size>& param_info) {
                           return std::to_string(param_info.param.h) + "x" +
                                  std::to_string(param_info.param.w);
                         });

}  // namespace
}  // namespace posenet
