// JSON output: parse back what was written and check every field.
#include "io/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "../support/shared_data.h"
#include "base/file.h"

namespace posenet {
namespace {

Pose MakePose(float base, int id) {
  Pose p;
  p.score = 0.75f;
  p.id = id;
  for (int k = 0; k < kNumKeypoints; ++k) {
    p.keypoints[k] = Keypoint{base + k, base + 2.5f * k, 0.05f * k};
  }
  p.box = Box{base, base, base + 16, base + 40};
  return p;
}

TEST(JsonWriter, FieldsParseBack) {
  const std::vector<Pose> poses = {MakePose(10, -1), MakePose(100, -1)};
  const JsonImageInfo image{"pics/a b.jpg", 1920, 1278};
  const JsonModelInfo model{"m.tflite", 641, 481, 16, "coral"};
  const std::string text = PosesToJson(poses, image, model);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const auto j = nlohmann::json::parse(text);

  EXPECT_EQ(j["image"]["path"], "pics/a b.jpg");
  EXPECT_EQ(j["image"]["width"], 1920);
  EXPECT_EQ(j["image"]["height"], 1278);
  EXPECT_EQ(j["model"]["path"], "m.tflite");
  EXPECT_EQ(j["model"]["input_width"], 641);
  EXPECT_EQ(j["model"]["input_height"], 481);
  EXPECT_EQ(j["model"]["output_stride"], 16);
  EXPECT_EQ(j["model"]["decoder"], "coral");
  ASSERT_EQ(j["poses"].size(), 2u);
  const auto& p1 = j["poses"][1];
  EXPECT_FALSE(p1.contains("id"));  // untracked
  EXPECT_DOUBLE_EQ(p1["score"].get<double>(), 0.75);
  EXPECT_EQ(p1["box"], (std::vector<double>{100, 100, 116, 140}));
  ASSERT_EQ(p1["keypoints"].size(), 17u);
  const auto& k5 = p1["keypoints"][5];
  EXPECT_EQ(k5["id"], 5);
  EXPECT_EQ(k5["name"], "left_shoulder");
  EXPECT_DOUBLE_EQ(k5["x"].get<double>(), 105);
  EXPECT_DOUBLE_EQ(k5["y"].get<double>(), 112.5);
  EXPECT_EQ(p1["keypoints"][16]["name"], "right_ankle");
  EXPECT_EQ(p1["keypoints"][0]["name"], "nose");
}

TEST(JsonWriter, FloatsPrintShortAndNonFiniteAsNull) {
  Pose p = MakePose(0, 3);
  p.keypoints[1].score = 0.1f;
  p.keypoints[2].x = std::numeric_limits<float>::quiet_NaN();
  const std::string text = PosesToJson({p}, {}, {}, -1);
  EXPECT_NE(text.find("\"score\":0.1}"), std::string::npos) << text;
  EXPECT_EQ(text.find("0.10000000149"), std::string::npos) << text;
  const auto j = nlohmann::json::parse(text);
  EXPECT_TRUE(j["poses"][0]["keypoints"][2]["x"].is_null());
  EXPECT_EQ(j["poses"][0]["id"], 3);  // tracked
  EXPECT_TRUE(j["image"].empty());    // unset metadata is left out
  EXPECT_TRUE(j["model"].empty());
  EXPECT_EQ(text.find('\n'), text.size() - 1);  // indent -1: a single line
}

TEST(JsonWriter, NoPosesIsAnEmptyList) {
  const auto j = nlohmann::json::parse(PosesToJson({}, {"x.png", 1, 1}, {}));
  EXPECT_TRUE(j["poses"].is_array());
  EXPECT_TRUE(j["poses"].empty());
}

TEST(JsonWriter, WritesFilesAndReportsFailures) {
  const std::string dir = testing::TempDir();
  const std::string path = dir + "/poses.json";
  ASSERT_TRUE(WriteTextFile(path, "{}\n").ok());
  auto bytes = ReadFileBytes(path);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(std::string(bytes->begin(), bytes->end()), "{}\n");

  const std::string bad = dir + "/missing/poses.json";
  const Status s = WriteTextFile(bad, "{}\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind(bad + ": cannot write JSON: ", 0), 0u) << s.message();
  EXPECT_FALSE(std::filesystem::exists(bad));
}

}  // namespace
}  // namespace posenet
