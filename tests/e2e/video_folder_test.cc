// posenet detect DIR: the pictures of a folder (sorted, subfolders with --recursive, other
// files skipped) as a JSON list and COCO keypoint results.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "json_file.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::ReadJson;
using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;
namespace fs = std::filesystem;

class DetectFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    pictures_ = dir_ + "/pictures";
    fs::create_directories(pictures_ + "/more");
    const std::string couple = SharedPath("data/images/test_couple.jpg");
    fs::copy_file(couple, pictures_ + "/000000000285.jpg");
    fs::copy_file(couple, pictures_ + "/000000000139.jpg");
    fs::copy_file(couple, pictures_ + "/more/000000000632.jpg");
    std::ofstream(pictures_ + "/README.txt") << "not a picture\n";
  }
  std::vector<std::string> Run(std::vector<std::string> extra) {
    std::vector<std::string> args = {
        "detect", pictures_, "--model",
        SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite")};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = RunProgram(POSENET_TOOL, args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return {r.out, r.err};
  }
  std::string dir_, pictures_;
};

TEST_F(DetectFolder, SortedPicturesAsAListAndCocoResults) {
  Run({"--json", dir_ + "/out.json", "--coco-json", dir_ + "/coco.json"});
  const auto json = ReadJson(dir_ + "/out.json");
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 2u);  // README.txt skipped, more/ not entered
  EXPECT_EQ(json[0]["image"]["path"], pictures_ + "/000000000139.jpg");
  EXPECT_EQ(json[1]["image"]["path"], pictures_ + "/000000000285.jpg");

  const auto coco = ReadJson(dir_ + "/coco.json");
  ASSERT_TRUE(coco.is_array());
  const size_t poses = json[0]["poses"].size() + json[1]["poses"].size();
  ASSERT_GT(poses, 0u);
  ASSERT_EQ(coco.size(), poses);
  size_t i = 0;
  for (size_t picture = 0; picture < 2; ++picture) {
    for (const auto& pose : json[picture]["poses"]) {
      const auto& c = coco[i++];
      EXPECT_EQ(c["image_id"], picture == 0 ? 139 : 285);  // the file names' numbers
      EXPECT_EQ(c["category_id"], 1);
      EXPECT_EQ(c["score"], pose["score"]);
      ASSERT_EQ(c["keypoints"].size(), 51u);
      for (int k = 0; k < 17; ++k) {
        EXPECT_EQ(c["keypoints"][3 * k], pose["keypoints"][k]["x"]);
        EXPECT_EQ(c["keypoints"][3 * k + 1], pose["keypoints"][k]["y"]);
        EXPECT_EQ(c["keypoints"][3 * k + 2], pose["keypoints"][k]["score"]);
      }
    }
  }
}

TEST_F(DetectFolder, RecursiveTakesSubfoldersAndDrawsIntoAFolder) {
  Run({"--recursive", "--json", dir_ + "/out.json", "--draw", dir_ + "/drawn"});
  const auto json = ReadJson(dir_ + "/out.json");
  ASSERT_EQ(json.size(), 3u);
  EXPECT_EQ(json[2]["image"]["path"], pictures_ + "/more/000000000632.jpg");
  for (const char* stem : {"000000000139", "000000000285", "000000000632"}) {
    EXPECT_TRUE(fs::exists(dir_ + "/drawn/" + stem + ".png")) << stem;
  }
}

TEST_F(DetectFolder, AFolderOfOnePictureIsStillAList) {
  const auto r =
      RunProgram(POSENET_TOOL,
                 {"detect", pictures_ + "/more", "--json", "-", "--model",
                  SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  ASSERT_TRUE(json.is_array());
  EXPECT_EQ(json.size(), 1u);
}

TEST_F(DetectFolder, FolderWithoutPicturesIsAnError) {
  fs::create_directories(dir_ + "/empty");
  std::ofstream(dir_ + "/empty/notes.txt") << "x\n";
  const auto r = RunProgram(POSENET_TOOL, {"detect", dir_ + "/empty", "--json", "-"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.err, "posenet: " + dir_ + "/empty: cannot read folder: no pictures in it\n");
}

}  // namespace
}  // namespace posenet
