// `posenet detect` on the shared pictures: it finds the people in them, and
// --flip-horizontal mirrors x and changes nothing else.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "json_file.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;

nlohmann::json Detect(const std::string& picture, std::vector<std::string> extra = {}) {
  const std::string json = TempDir() + "/poses.json";
  std::vector<std::string> args = {"detect", picture, "--json", json};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = RunProgram(POSENET_TOOL, args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return testing::ReadJson(json);
}

int ConfidentPoses(const nlohmann::json& doc) {
  int n = 0;
  for (const auto& p : doc["poses"]) n += p["score"].get<float>() >= 0.5f;
  return n;
}

// Persons visible in each picture (../shared/data/README.md), with the default model and
// decoder (Coral 481x641, its own thresholds). Keypoints must land inside the picture.
TEST(DetectPictures, FindsThePeopleInEachSharedPicture) {
  for (const auto& [name, people] :
       {std::pair{"test_couple.jpg", 2}, {"pose.jpg", 1}, {"portrait.jpg", 1}}) {
    const nlohmann::json doc = Detect(SharedPath(std::string("data/images/") + name));
    EXPECT_EQ(ConfidentPoses(doc), people) << name;
    const float w = doc["image"]["width"], h = doc["image"]["height"];
    for (const auto& p : doc["poses"]) {
      if (p["score"].get<float>() < 0.5f) continue;
      int inside = 0;
      for (const auto& k : p["keypoints"]) {
        const float x = k["x"], y = k["y"];
        inside += x >= -w * 0.05f && x <= w * 1.05f && y >= -h * 0.05f && y <= h * 1.05f;
      }
      EXPECT_EQ(inside, 17) << name;
    }
  }
}

TEST(DetectPictures, FlipHorizontalMirrorsXOnly) {
  const std::string picture = SharedPath("data/images/test_couple.jpg");
  const nlohmann::json plain = Detect(picture);
  const nlohmann::json flipped = Detect(picture, {"--flip-horizontal"});
  const float width = plain["image"]["width"];
  ASSERT_EQ(plain["poses"].size(), flipped["poses"].size());
  ASSERT_GE(plain["poses"].size(), 2u);
  for (size_t p = 0; p < plain["poses"].size(); ++p) {
    const auto& a = plain["poses"][p];
    const auto& b = flipped["poses"][p];
    EXPECT_FLOAT_EQ(a["score"].get<float>(), b["score"].get<float>());
    for (int k = 0; k < 17; ++k) {
      const auto& ka = a["keypoints"][k];
      const auto& kb = b["keypoints"][k];
      EXPECT_EQ(ka["name"], kb["name"]);  // ids are not swapped
      EXPECT_NEAR(kb["x"].get<float>(), width - 1 - ka["x"].get<float>(), 1e-3);
      EXPECT_FLOAT_EQ(kb["y"].get<float>(), ka["y"].get<float>());
      EXPECT_FLOAT_EQ(kb["score"].get<float>(), ka["score"].get<float>());
    }
  }
}

}  // namespace
}  // namespace posenet
