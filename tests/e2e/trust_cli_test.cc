// What a new user meets: one line and exit 1 for every usage error, --version, batches that
// keep going past a bad picture, OpenPose and CSV outputs other tools read, '-' as stdout, and
// both legs where the hand marks put them on pose.jpg.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "json_file.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::LineCount;
using testing::ReadJson;
using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;
namespace fs = std::filesystem;

std::string Model(const std::string& name = "353_481_quant_decoder") {
  return SharedPath("data/models/posenet_mobilenet_v1_075_" + name + ".tflite");
}

TEST(UsageErrors, EveryOneIsOneLineAndExitCodeOne) {
  const std::string pose = SharedPath("data/images/pose.jpg");
  const std::vector<std::vector<std::string>> bad = {
      {},
      {"detect"},
      {"detect", pose, "--no-such-flag"},
      {"detect", pose, "--score-threshold", "2"},
      {"detect", pose, "--nms-radius", "-5"},
      {"detect", pose, "--max-poses", "-1"},
      {"detect", pose, "--draw-threshold", "7"},
      {"detect", pose, "--min-pose-score", "1.5"},
      {"detect", pose, "--threads", "-1"},
      {"detect", pose, "--decoder", "best"},
      {"video", "x.mp4", "--min-hits", "0"},
      {"video", "x.mp4", "--max-age", "-3"},
      {"video", "x.mp4", "--smoothing-beta", "-1"},
      {"video", "x.mp4", "--input-aspect", "square"},
      {"video", pose, "--input-aspect", "picture", "--input-size", "257x257"},
      {"bench", "--runs", "0"},
  };
  for (const auto& args : bad) {
    const auto r = RunProgram(POSENET_TOOL, args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.exit_code, 1) << joined << r.err;
    EXPECT_EQ(LineCount(r.err), 1) << joined << r.err;
    EXPECT_EQ(r.err.rfind("posenet: ", 0), 0u) << r.err;
  }
}

TEST(UsageErrors, VersionIsTheProjectsAndHelpExitsZero) {
  auto r = RunProgram(POSENET_TOOL, {"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::string("posenet ") + POSENET_VERSION + "\n");
  r = RunProgram(POSENET_TOOL, {"detect", "--help"});
  EXPECT_EQ(r.exit_code, 0);
}

TEST(DetectInputs, AVideoFileSuggestsPosenetVideo) {
  const std::string clip = SharedPath("data/videos/dance.mp4");
  const auto r = RunProgram(POSENET_TOOL, {"detect", clip, "--model", Model()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(LineCount(r.err), 1);
  EXPECT_NE(r.err.find("use 'posenet video " + clip + "'"), std::string::npos) << r.err;
}

TEST(DetectInputs, OnePictureFileForSeveralPicturesIsAnError) {
  const std::string dir = TempDir();
  const auto r = RunProgram(POSENET_TOOL, {"detect", SharedPath("data/images/pose.jpg"),
                                           SharedPath("data/images/portrait.jpg"), "--draw",
                                           dir + "/two.png", "--model", Model()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("two.png"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/two.png"));
}

TEST(DetectInputs, AnOutputInAMissingFolderIsAClearError) {
  const std::string out = TempDir() + "/no/such/folder/poses.json";
  const auto r =
      RunProgram(POSENET_TOOL, {"detect", SharedPath("data/images/pose.jpg"), "--json", out});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "posenet: " + out + ": cannot write: folder " +
                       fs::path(out).parent_path().string() + " does not exist\n");
}

TEST(DetectInputs, ThreadsZeroUsesEveryCoreAndTinyInputsWarn) {
  auto r = RunProgram(POSENET_TOOL, {"detect", SharedPath("data/images/pose.jpg"), "--model",
                                     Model(), "--threads", "0"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  r = RunProgram(POSENET_TOOL, {"detect", SharedPath("data/images/pose.jpg"), "--model", Model(),
                                "--input-size", "49x65"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: input 49x65 is too small"), std::string::npos) << r.err;
}

TEST(DetectInputs, PnmPicturesAreRead) {
  // A binary PPM (P6) and PGM (P5) of 32x24 grey: read, no people.
  const std::string dir = TempDir();
  for (const auto& [name, magic, channels] :
       {std::tuple<std::string, std::string, int>{"a.ppm", "P6", 3}, {"b.pgm", "P5", 1}}) {
    std::ofstream out(dir + "/" + name, std::ios::binary);
    out << magic << "\n# made by a test\n32 24\n255\n" << std::string(32 * 24 * channels, '\x80');
  }
  const auto r = RunProgram(POSENET_TOOL, {"detect", dir, "--model", Model()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, dir + "/a.ppm: 0 poses\n" + dir + "/b.pgm: 0 poses\n");
}

// A folder of good pictures and one that is not a picture: every good one has results, the
// bad one is named with its error on stderr and in the JSON list, and the exit code is 2.
TEST(DetectBatch, ABadPictureIsReportedAndTheOthersAreProcessed) {
  const std::string dir = TempDir(), in = dir + "/in";
  fs::create_directories(in);
  fs::copy_file(SharedPath("data/images/pose.jpg"), in + "/a.jpg");
  {
    std::ofstream bad(in + "/b.jpg");
    bad << "not a picture\n";
  }
  fs::copy_file(SharedPath("data/images/portrait.jpg"), in + "/c.jpg");
  const auto r = RunProgram(
      POSENET_TOOL, {"detect", in, "--model", Model(), "--json", dir + "/out.json", "--coco-json",
                     dir + "/coco.json", "--draw", dir + "/drawn", "--csv", dir + "/out.csv"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(LineCount(r.err), 1) << r.err;
  EXPECT_EQ(r.err.rfind("posenet: " + in + "/b.jpg: cannot read picture: ", 0), 0u) << r.err;
  const auto json = ReadJson(dir + "/out.json");
  ASSERT_EQ(json.size(), 3u);
  EXPECT_EQ(json[0]["image"]["path"], in + "/a.jpg");
  EXPECT_EQ(json[0]["poses"].size(), 1u);
  EXPECT_EQ(json[1]["image"]["path"], in + "/b.jpg");
  EXPECT_FALSE(json[1].contains("poses"));
  EXPECT_EQ("posenet: " + json[1]["error"].get<std::string>() + "\n", r.err);
  EXPECT_EQ(json[2]["poses"].size(), 1u);
  const auto coco = ReadJson(dir + "/coco.json");
  ASSERT_EQ(coco.size(), 2u);  // one pose in each good picture
  EXPECT_EQ(coco[0]["image_id"], 1);
  EXPECT_EQ(coco[1]["image_id"], 3);
  EXPECT_TRUE(fs::exists(dir + "/drawn/a.png"));
  EXPECT_FALSE(fs::exists(dir + "/drawn/b.png"));
  EXPECT_TRUE(fs::exists(dir + "/drawn/c.png"));
  EXPECT_EQ(testing::ReadLines(dir + "/out.csv").size(), 1u + 2 * 17);
}

// The OpenPose file read as an OpenPose consumer would, from OpenPose's documented BODY_25
// order (doc/02_output.md): Nose 0, Neck 1, RShoulder 2, ..., MidHip 8, RHip 9, ..., LHip 12,
// ..., feet 19-24.
TEST(DetectOutputs, OpenPoseBody25ReadBackWithOpenPosesLayout) {
  const std::string dir = TempDir();
  const auto r =
      RunProgram(POSENET_TOOL, {"detect", SharedPath("data/images/pose.jpg"), "--model", Model(),
                                "--json", dir + "/pose.json", "--openpose-json", dir + "/op"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto ours = ReadJson(dir + "/pose.json")["poses"][0]["keypoints"];
  const auto op = ReadJson(dir + "/op/pose_keypoints.json");
  ASSERT_EQ(op["people"].size(), 1u);
  const auto& person = op["people"][0];
  const auto& flat = person["pose_keypoints_2d"];
  ASSERT_EQ(flat.size(), 75u);
  auto x = [&](int part) { return flat[3 * part].get<double>(); };
  auto y = [&](int part) { return flat[3 * part + 1].get<double>(); };
  auto c = [&](int part) { return flat[3 * part + 2].get<double>(); };
  enum { kNose = 0, kNeck = 1, kRShoulder = 2, kLShoulder = 5, kMidHip = 8, kRHip = 9 };
  enum { kLHip = 12, kLAnkle = 14, kLBigToe = 19, kRHeel = 24 };
  EXPECT_NEAR(x(kNose), ours[0]["x"].get<double>(), 1e-3);
  EXPECT_NEAR(x(kRShoulder), ours[6]["x"].get<double>(), 1e-3);  // PoseNet's right_shoulder
  EXPECT_NEAR(y(kLAnkle), ours[15]["y"].get<double>(), 1e-3);
  EXPECT_NEAR(x(kNeck), (x(kRShoulder) + x(kLShoulder)) / 2, 1e-3);
  EXPECT_NEAR(y(kNeck), (y(kRShoulder) + y(kLShoulder)) / 2, 1e-3);
  EXPECT_NEAR(c(kNeck), std::min(c(kRShoulder), c(kLShoulder)), 1e-6);
  EXPECT_NEAR(x(kMidHip), (x(kRHip) + x(kLHip)) / 2, 1e-3);
  EXPECT_NEAR(y(kMidHip), (y(kRHip) + y(kLHip)) / 2, 1e-3);
  for (int foot = kLBigToe; foot <= kRHeel; ++foot) {
    EXPECT_EQ(x(foot), 0);
    EXPECT_EQ(c(foot), 0);
  }
  for (const char* empty : {"face_keypoints_2d", "hand_left_keypoints_2d",
                            "hand_right_keypoints_2d", "pose_keypoints_3d", "face_keypoints_3d",
                            "hand_left_keypoints_3d", "hand_right_keypoints_3d"}) {
    ASSERT_TRUE(person.contains(empty)) << empty;
    EXPECT_TRUE(person[empty].is_array() && person[empty].empty()) << empty;
  }
}

TEST(DetectOutputs, DashWritesCsvToStdout) {
  const auto r = RunProgram(POSENET_TOOL, {"detect", SharedPath("data/images/pose.jpg"), "--model",
                                           Model(), "--csv", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(LineCount(r.out), 1 + 17);
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "image,person,pose_score,keypoint_id,keypoint,x,y,score");
  EXPECT_FALSE(fs::exists("-"));
  // Two outputs cannot share stdout.
  const auto both = RunProgram(POSENET_TOOL, {"detect", SharedPath("data/images/pose.jpg"),
                                              "--model", Model(), "--csv", "-", "--json", "-"});
  EXPECT_EQ(both.exit_code, 1);
}

// Knees and ankles where tests/data/hand_marks.json puts them, within 10 % of the diagonal of
// the box around the marked keypoints, with the default model and the plain one.
TEST(DetectLegs, BothKneesAndAnklesOnTheirOwnLegsInPoseJpg) {
  const auto marks = ReadJson(std::string(POSENET_TEST_DATA_DIR) + "/hand_marks.json");
  nlohmann::json marked;
  for (const auto& frame : marks["frames"]) {
    if (frame["source"] == "images/pose.jpg") marked = frame["people"][0]["keypoints"];
  }
  ASSERT_EQ(marked.size(), 17u);
  double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
  for (const auto& k : marked) {
    if (k[2].get<int>() == 0) continue;
    x0 = std::min(x0, k[0].get<double>());
    x1 = std::max(x1, k[0].get<double>());
    y0 = std::min(y0, k[1].get<double>());
    y1 = std::max(y1, k[1].get<double>());
  }
  const double tolerance = 0.1 * std::hypot(x1 - x0, y1 - y0);
  for (const std::string model : {"481_641_quant_decoder", "481_641_quant"}) {
    const auto r = RunProgram(POSENET_TOOL, {"detect", SharedPath("data/images/pose.jpg"),
                                             "--model", Model(model), "--json", "-"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto poses = nlohmann::json::parse(r.out)["poses"];
    ASSERT_EQ(poses.size(), 1u) << model;
    for (int k : {13, 14, 15, 16}) {  // left_knee, right_knee, left_ankle, right_ankle
      const auto& kp = poses[0]["keypoints"][k];
      const double d = std::hypot(kp["x"].get<double>() - marked[k][0].get<double>(),
                                  kp["y"].get<double>() - marked[k][1].get<double>());
      EXPECT_LE(d, tolerance) << model << " " << kp["name"];
    }
  }
}

}  // namespace
}  // namespace posenet
