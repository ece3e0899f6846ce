// `posenet detect` end to end against Coral's own results: each *_quant_decoder.tflite on
// test_couple.jpg, stretched with PIL-exact nearest sampling, keypoints in model pixels, must
// match ../shared/data/reference/coral/*.csv as Coral's own test does (same poses in the same
// order; every keypoint within 4 px and 0.1 score; pose scores within 0.1).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "posenet/pose.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;

struct CsvKeypoint {
  float score, x, y;
};
struct CsvPose {
  float score = 0;
  std::vector<CsvKeypoint> keypoints;
};

// Columns: pose_id, pose_score, keypoint_label, keypoint_score, keypoint_x, keypoint_y.
std::vector<CsvPose> ReadCoralCsv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  std::vector<CsvPose> poses;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string id, pose_score, label, score, x, y;
    std::getline(ss, id, ',');
    std::getline(ss, pose_score, ',');
    std::getline(ss, label, ',');
    std::getline(ss, score, ',');
    std::getline(ss, x, ',');
    std::getline(ss, y, ',');
    const size_t p = std::stoul(id);
    if (poses.size() <= p) poses.resize(p + 1);
    poses[p].score = std::stof(pose_score);
    poses[p].keypoints.push_back({std::stof(score), std::stof(x), std::stof(y)});
  }
  return poses;
}

class CoralConformance : public ::testing::TestWithParam<std::string> {};

TEST_P(CoralConformance, DetectMatchesCoralsReferenceResults) {
  const std::string size = GetParam();  // H_W
  const std::string json = TempDir() + "/poses.json";
  const auto r = RunProgram(
      POSENET_TOOL,
      {"detect", SharedPath("data/images/test_couple.jpg"), "--model",
       SharedPath("data/models/posenet_mobilenet_v1_075_" + size + "_quant_decoder.tflite"),
       "--decoder", "coral", "--resize", "stretch", "--interpolation", "nearest",
       "--keypoint-space", "model", "--json", json});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(json);
  const nlohmann::json got = nlohmann::json::parse(in);
  const std::vector<CsvPose> want = ReadCoralCsv(SharedPath(
      "data/reference/coral/posenet_mobilenet_v1_075_" + size + "_quant_decoder_reference.csv"));
  ASSERT_EQ(got["poses"].size(), want.size());
  float worst_px = 0, worst_score = 0, worst_pose_score = 0;
  for (size_t p = 0; p < want.size(); ++p) {
    const auto& pose = got["poses"][p];
    ASSERT_EQ(want[p].keypoints.size(), size_t{kNumKeypoints});
    const float pose_err = std::fabs(pose["score"].get<float>() - want[p].score);
    EXPECT_LE(pose_err, 0.1f) << "pose " << p;
    worst_pose_score = std::max(worst_pose_score, pose_err);
    for (int k = 0; k < kNumKeypoints; ++k) {
      const auto& kp = pose["keypoints"][k];
      EXPECT_EQ(kp["name"].get<std::string>(), std::string(KeypointName(k)));
      const float dx = kp["x"].get<float>() - want[p].keypoints[k].x;
      const float dy = kp["y"].get<float>() - want[p].keypoints[k].y;
      const float ds = std::fabs(kp["score"].get<float>() - want[p].keypoints[k].score);
      EXPECT_LE(std::fabs(dx), 4.0f) << "pose " << p << " keypoint " << KeypointName(k);
      EXPECT_LE(std::fabs(dy), 4.0f) << "pose " << p << " keypoint " << KeypointName(k);
      EXPECT_LE(ds, 0.1f) << "pose " << p << " keypoint " << KeypointName(k);
      worst_px = std::max(worst_px, std::hypot(dx, dy));
      worst_score = std::max(worst_score, ds);
    }
  }
  std::printf(
      "%s: %zu poses; largest keypoint error %.3f px, keypoint score %.4f, pose score "
      "%.4f\n",
      size.c_str(), want.size(), worst_px, worst_score, worst_pose_score);
}

INSTANTIATE_TEST_SUITE_P(Coral, CoralConformance,
                         ::testing::Values("353_481", "481_641", "721_1281"));

}  // namespace
}  // namespace posenet
