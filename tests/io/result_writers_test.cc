// The video result writers on hand-built poses: JSONL, CSV, OpenPose and COCO layouts parsed
// back field by field.
#include <gtest/gtest.h>

#include <algorithm>
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

// OpenPose's documented output (doc/02_output.md): BODY_25 parts in this order, and the
// COCO_18 order; written here from that documentation, not from the writer.
const char* const kOpenPoseBody25[25] = {
    "Nose", "Neck",    "RShoulder", "RElbow", "RWrist",  "LShoulder", "LElbow", "LWrist", "MidHip",
    "RHip", "RKnee",   "RAnkle",    "LHip",   "LKnee",   "LAnkle",    "REye",   "LEye",   "REar",
    "LEar", "LBigToe", "LSmallToe", "LHeel",  "RBigToe", "RSmallToe", "RHeel"};
const char* const kOpenPoseCoco18[18] = {
    "Nose",  "Neck",   "RShoulder", "RElbow", "RWrist", "LShoulder", "LElbow", "LWrist", "RHip",
    "RKnee", "RAnkle", "LHip",      "LKnee",  "LAnkle", "REye",      "LEye",   "REar",   "LEar"};

struct OpenPosePart {
  float x, y, c;
};

// Reads person `p`'s part `name` the way an OpenPose consumer does: index in the layout, then
// three numbers per part.
OpenPosePart Read(const nlohmann::json& doc, size_t p, const char* const* names, size_t count,
                  const std::string& name) {
  const auto& flat = doc["people"][p]["pose_keypoints_2d"];
  EXPECT_EQ(flat.size(), 3 * count);
  for (size_t i = 0; i < count; ++i) {
    if (name == names[i]) {
      return {flat[3 * i].get<float>(), flat[3 * i + 1].get<float>(), flat[3 * i + 2].get<float>()};
    }
  }
  ADD_FAILURE() << "no part " << name;
  return {};
}

TEST(OpenPoseWriter, Body25PartsNeckMidHipAndEmptyArrays) {
  const Pose pose = MakePose(10, 2, 0.9f);  // keypoint k at (10 + k, 10 + k / 2), score k / 20
  const auto j = nlohmann::json::parse(PosesToOpenPoseJson({pose, MakePose(50, -1, 0.4f)}));
  EXPECT_EQ(j["version"], 1.3);
  ASSERT_EQ(j["people"].size(), 2u);
  EXPECT_EQ(j["people"][0]["person_id"], nlohmann::json::array({2}));
  EXPECT_EQ(j["people"][1]["person_id"], nlohmann::json::array({-1}));
  auto part = [&](const std::string& name) { return Read(j, 0, kOpenPoseBody25, 25, name); };
  // Named parts are PoseNet's keypoints: RShoulder is right_shoulder (6), LAnkle left_ankle (15).
  EXPECT_FLOAT_EQ(part("Nose").x, 10);
  EXPECT_FLOAT_EQ(part("RShoulder").x, 16);
  EXPECT_FLOAT_EQ(part("LShoulder").x, 15);
  EXPECT_FLOAT_EQ(part("LAnkle").y, 10 + 0.5f * 15);
  EXPECT_FLOAT_EQ(part("REar").c, 0.05f * 4);
  // Neck: midpoint of the shoulders (5, 6), the lower confidence; MidHip: of the hips (11, 12).
  EXPECT_FLOAT_EQ(part("Neck").x, 15.5f);
  EXPECT_FLOAT_EQ(part("Neck").y, 10 + 0.5f * 5.5f);
  EXPECT_FLOAT_EQ(part("Neck").c, 0.05f * 5);
  EXPECT_FLOAT_EQ(part("MidHip").x, 21.5f);
  EXPECT_FLOAT_EQ(part("MidHip").y, 10 + 0.5f * 11.5f);
  EXPECT_FLOAT_EQ(part("MidHip").c, 0.05f * 11);
  // Feet PoseNet does not see: 0, 0, 0.
  for (const char* foot : {"LBigToe", "LSmallToe", "LHeel", "RBigToe", "RSmallToe", "RHeel"}) {
    EXPECT_EQ(part(foot).x, 0);
    EXPECT_EQ(part(foot).y, 0);
    EXPECT_EQ(part(foot).c, 0);
  }
  for (const char* empty : {"face_keypoints_2d", "hand_left_keypoints_2d",
                            "hand_right_keypoints_2d", "pose_keypoints_3d", "face_keypoints_3d",
                            "hand_left_keypoints_3d", "hand_right_keypoints_3d"}) {
    ASSERT_TRUE(j["people"][0].contains(empty)) << empty;
    EXPECT_TRUE(j["people"][0][empty].is_array());
    EXPECT_TRUE(j["people"][0][empty].empty()) << empty;
  }
  EXPECT_TRUE(nlohmann::json::parse(PosesToOpenPoseJson({}))["people"].empty());
}

TEST(OpenPoseWriter, Coco18Parts) {
  const auto j =
      nlohmann::json::parse(PosesToOpenPoseJson({MakePose(10, 2, 0.9f)}, OpenPoseLayout::kCoco18));
  auto part = [&](const std::string& name) { return Read(j, 0, kOpenPoseCoco18, 18, name); };
  EXPECT_FLOAT_EQ(part("Neck").x, 15.5f);
  EXPECT_FLOAT_EQ(part("RHip").x, 22);
  EXPECT_FLOAT_EQ(part("LHip").x, 21);
  EXPECT_FLOAT_EQ(part("REye").x, 12);
  EXPECT_FLOAT_EQ(part("LEar").x, 13);
}

TEST(OpenPoseWriter, FilesNamedLikeOpenPoses) {
  const std::string dir = TempDir();
  EXPECT_EQ(OpenPoseFramePath("out", "dance", 42), "out/dance_000000000042_keypoints.json");
  EXPECT_EQ(OpenPosePicturePath("out", "a/b/pose.jpg"), "out/pose_keypoints.json");
  const std::string file = OpenPoseFramePath(dir, "clip", 3);
  ASSERT_TRUE(WriteOpenPoseFile(file, {MakePose(0, 1, 0.5f)}, OpenPoseLayout::kBody25).ok());
  EXPECT_EQ(nlohmann::json::parse(Slurp(file))["people"].size(), 1u);
}

TEST(CsvWriter, WideLayoutOneRowPerPerson) {
  const std::string rows = FrameToCsvRows(3, 120, {MakePose(10, 5, 0.5f)}, CsvLayout::kWide);
  const auto header = CsvHeader(CsvSubject::kVideo, CsvLayout::kWide);
  EXPECT_TRUE(header.starts_with(
      "frame,timestamp_ms,person_id,pose_score,nose_x,nose_y,nose_score,left_eye_x,"))
      << header;
  EXPECT_TRUE(header.ends_with(",right_ankle_x,right_ankle_y,right_ankle_score")) << header;
  EXPECT_EQ(Lines(header)[0].find('\n'), std::string::npos);
  const auto lines = Lines(rows);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].substr(0, 26), "3,120,5,0.5,10,10,0,11,10.");
  // 4 leading fields and 3 per keypoint, the same count as the header's.
  EXPECT_EQ(std::count(lines[0].begin(), lines[0].end(), ','),
            std::count(header.begin(), header.end(), ','));
}

TEST(CsvWriter, PicturesLongAndWideWithQuotedPaths) {
  EXPECT_EQ(CsvHeader(CsvSubject::kPicture, CsvLayout::kLong),
            "image,person,pose_score,keypoint_id,keypoint,x,y,score");
  const auto lines =
      Lines(PictureToCsvRows("a,b \"c\".jpg", {MakePose(1, 9, 0.5f), MakePose(2, 9, 0.25f)}));
  ASSERT_EQ(lines.size(), 34u);
  EXPECT_EQ(lines[0], "\"a,b \"\"c\"\".jpg\",0,0.5,0,nose,1,1,0");
  EXPECT_TRUE(lines[17].starts_with("\"a,b \"\"c\"\".jpg\",1,0.25,0,nose,")) << lines[17];
  const auto wide = Lines(PictureToCsvRows("p.png", {MakePose(1, 9, 0.5f)}, CsvLayout::kWide));
  ASSERT_EQ(wide.size(), 1u);
  EXPECT_EQ(wide[0].substr(0, 18), "p.png,0,0.5,1,1,0,");
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
