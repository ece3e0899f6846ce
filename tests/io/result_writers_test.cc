// The video result writers on hand-built poses: JSONL, CSV, OpenPose and COCO layouts parsed
// back field by field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../support/shared_data.h"
#include "io/coco_writer.h"
#include "io/csv_writer.h"
#include "io/jsonl_writer.h"
#include "io/openpose_writer.h"

namespace posenet {
namespace {

using testing::TempDir;

Pose MakePose(float base, int id, float score) {
  Pose p;
  p.score = score;
  p.id = id;
  for (int k = 0; k < kNumKeypoints; ++k) {
    p.keypoints[k] = Keypoint{base + k, base + 0.5f * k, 0.05f * k};
  }
  p.box = Box{base, base, base + 16, base + 8};
  return p;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) lines.push_back(line);
  return lines;
}

TEST(JsonlWriter, OneCompleteLinePerFrameFlushedAsWritten) {
  const std::string path = TempDir() + "/out.jsonl";
  auto w = JsonlWriter::Open(path);
  ASSERT_TRUE(w.ok()) << w.message();
  const JsonModelInfo model{"m.tflite", 481, 353, 16, "coral"};
  ASSERT_TRUE((*w)->Write(0, 0.0, {MakePose(10, 3, 0.5f)}, {"v.mp4", 640, 480}, model).ok());
  // Flushed per line: readable before Close.
  EXPECT_EQ(Lines(Slurp(path)).size(), 1u);
  ASSERT_TRUE((*w)->Write(1, 40.0, {}, {"v.mp4", 640, 480}, model).ok());
  ASSERT_TRUE((*w)->Close().ok());

  const std::string text = Slurp(path);
  ASSERT_EQ(text.back(), '\n');
  const auto lines = Lines(text);
  ASSERT_EQ(lines.size(), 2u);
  const auto first = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(first["frame"], 0);
  EXPECT_EQ(first["timestamp_ms"], 0.0);
  EXPECT_EQ(first["image"]["path"], "v.mp4");
  EXPECT_EQ(first["image"]["width"], 640);
  EXPECT_EQ(first["model"]["decoder"], "coral");
  ASSERT_EQ(first["poses"].size(), 1u);
  EXPECT_EQ(first["poses"][0]["id"], 3);
  EXPECT_EQ(first["poses"][0]["score"], 0.5);
  ASSERT_EQ(first["poses"][0]["keypoints"].size(), 17u);
  EXPECT_EQ(first["poses"][0]["keypoints"][16]["name"], "right_ankle");
  EXPECT_EQ(first["poses"][0]["keypoints"][16]["x"], 26.0);
  EXPECT_EQ(first["poses"][0]["keypoints"][16]["y"], 18.0);
  // Key order: frame, timestamp_ms, then the picture schema.
  EXPECT_EQ(lines[0].rfind("{\"frame\":0,\"timestamp_ms\":0.0,\"image\":", 0), 0u);
  const auto second = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(second["frame"], 1);
  EXPECT_EQ(second["timestamp_ms"], 40.0);
  EXPECT_TRUE(second["poses"].empty());
}

TEST(JsonlWriter, UnwritablePathIsAOneLineError) {
  auto w = JsonlWriter::Open(TempDir() + "/no/such/folder/out.jsonl");
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.message().find("out.jsonl: cannot write JSONL: "), std::string::npos);
  EXPECT_EQ(w.message().find('\n'), std::string::npos);
}

TEST(CsvWriter, HeaderThenOneRowPerFramePersonAndKeypoint) {
  const std::string path = TempDir() + "/out.csv";
  auto w = CsvWriter::Open(path);
  ASSERT_TRUE(w.ok()) << w.message();
  ASSERT_TRUE((*w)->Write(0, 0, {MakePose(10, 0, 0.75f), MakePose(100, 4, 0.25f)}).ok());
  ASSERT_TRUE((*w)->Write(1, 200, {}).ok());  // no people: no rows
  ASSERT_TRUE((*w)->Write(2, 400, {MakePose(1, -1, 0.5f)}).ok());
  ASSERT_TRUE((*w)->Close().ok());
  const auto lines = Lines(Slurp(path));
  ASSERT_EQ(lines.size(), 1u + 3 * 17);
  EXPECT_EQ(lines[0], "frame,timestamp_ms,person_id,pose_score,keypoint_id,keypoint,x,y,score");
  EXPECT_EQ(lines[1], "0,0,0,0.75,0,nose,10,10,0");
  EXPECT_EQ(lines[17], "0,0,0,0.75,16,right_ankle,26,18,0.8");
  EXPECT_EQ(lines[18], "0,0,4,0.25,0,nose,100,100,0");
  EXPECT_EQ(lines[35], "2,400,-1,0.5,0,nose,1,1,0");
  EXPECT_EQ(lines[36], "2,400,-1,0.5,1,left_eye,2,1.5,0.05");
}

TEST(CsvWriter, NonFiniteValuesAreEmptyFields) {
  Pose p = MakePose(0, 1, 0.5f);
  p.keypoints[0].x = std::numeric_limits<float>::quiet_NaN();
  const std::string rows = FrameToCsvRows(7, 1.5, {p});
  EXPECT_EQ(rows.substr(0, rows.find('\n')), "7,1.5,1,0.5,0,nose,,0,0");
}

TEST(OpenPoseWriter, Version13LayoutWithIdsAndFlatKeypoints) {
  const auto j =
      nlohmann::json::parse(PosesToOpenPoseJson({MakePose(10, 2, 0.9f), MakePose(50, -1, 0.4f)}));
  EXPECT_EQ(j["version"], 1.3);
  ASSERT_EQ(j["people"].size(), 2u);
  EXPECT_EQ(j["people"][0]["person_id"], nlohmann::json::array({2}));
  EXPECT_EQ(j["people"][1]["person_id"], nlohmann::json::array({-1}));
  const auto& kp = j["people"][0]["pose_keypoints_2d"];
  ASSERT_EQ(kp.size(), 51u);
  for (int k = 0; k < kNumKeypoints; ++k) {
    EXPECT_FLOAT_EQ(kp[3 * k].get<float>(), 10.0f + k);
    EXPECT_FLOAT_EQ(kp[3 * k + 1].get<float>(), 10.0f + 0.5f * k);
    EXPECT_FLOAT_EQ(kp[3 * k + 2].get<float>(), 0.05f * k);
  }
  EXPECT_TRUE(nlohmann::json::parse(PosesToOpenPoseJson({}))["people"].empty());
}

TEST(OpenPoseWriter, OneFilePerFrameNamedLikeOpenPose) {
  const std::string dir = TempDir();
  EXPECT_EQ(OpenPoseFramePath("out", "dance", 42), "out/dance_000000000042_keypoints.json");
  ASSERT_TRUE(WriteOpenPoseFrame(dir, "clip", 3, {MakePose(0, 1, 0.5f)}).ok());
  const std::string file = dir + "/clip_000000000003_keypoints.json";
  ASSERT_TRUE(std::filesystem::exists(file));
  EXPECT_EQ(nlohmann::json::parse(Slurp(file))["people"].size(), 1u);
}

TEST(CocoWriter, OneResultPerPoseWithCategoryOne) {
  const auto j = nlohmann::json::parse(
      CocoResultsJson({{139, {MakePose(10, -1, 0.75f), MakePose(20, -1, 0.5f)}},
                       {285, {}},
                       {632, {MakePose(30, -1, 0.25f)}}}));
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["image_id"], 139);
  EXPECT_EQ(j[0]["category_id"], 1);
  EXPECT_EQ(j[0]["score"], 0.75);
  EXPECT_EQ(j[1]["image_id"], 139);
  EXPECT_EQ(j[2]["image_id"], 632);
  EXPECT_EQ(j[2]["score"], 0.25);
  const auto& kp = j[0]["keypoints"];
  ASSERT_EQ(kp.size(), 51u);
  EXPECT_EQ(kp[0], 10.0);
  EXPECT_EQ(kp[1], 10.0);
  EXPECT_EQ(kp[48], 26.0);
  EXPECT_EQ(kp[49], 18.0);
  EXPECT_FLOAT_EQ(kp[50].get<float>(), 0.8f);
  EXPECT_EQ(nlohmann::json::parse(CocoResultsJson({})), nlohmann::json::array());
}

TEST(CocoWriter, ImageIdsFromNumericStemsElsePositions) {
  EXPECT_EQ(AssignCocoImageIds({"a/000000000139.jpg", "b/000000000285.png"}),
            (std::vector<int64_t>{139, 285}));
  EXPECT_EQ(AssignCocoImageIds({"a/12.jpg", "b/x.jpg", "c/7.jpg"}),
            (std::vector<int64_t>{1, 2, 3}));
  // Equal numbers in two folders would collide: positions instead.
  EXPECT_EQ(AssignCocoImageIds({"a/5.jpg", "b/5.jpg"}), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(AssignCocoImageIds({"-3.jpg"}), (std::vector<int64_t>{1}));
}

}  // namespace
}  // namespace posenet
