#include "pose_text.h"

#include <gtest/gtest.h>

#include <sstream>

namespace posenet::testing {

std::vector<Pose> ParsePoseText(const std::string& text) {
  std::vector<Pose> poses;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    size_t index = 0;
    Pose pose;
    if (word != "pose" || !(in >> index >> pose.score) || index != poses.size()) {
      ADD_FAILURE() << "expected 'pose " << poses.size() << " SCORE', found '" << word << "'";
      return poses;
    }
    for (int k = 0; k < kNumKeypoints; ++k) {
      std::string name;
      Keypoint& p = pose.keypoints[k];
      if (!(in >> name >> p.x >> p.y >> p.score) || name != KeypointName(k)) {
        ADD_FAILURE() << "pose " << index << ": expected keypoint " << KeypointName(k);
        return poses;
      }
    }
    poses.push_back(pose);
  }
  return poses;
}

std::vector<Pose> PosesFromJson(const nlohmann::json& document) {
  std::vector<Pose> poses;
  for (const nlohmann::json& p : document.at("poses")) {
    Pose pose;
    pose.score = p.at("score").get<float>();
    for (int k = 0; k < kNumKeypoints; ++k) {
      const nlohmann::json& kp = p.at("keypoints").at(k);
      pose.keypoints[k] = {kp.at("x").get<float>(), kp.at("y").get<float>(),
                           kp.at("score").get<float>()};
    }
    poses.push_back(pose);
  }
  return poses;
}

void ExpectSamePoses(const std::vector<Pose>& actual, const std::vector<Pose>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(actual[i].score, expected[i].score) << "pose " << i;
    for (int k = 0; k < kNumKeypoints; ++k) {
      const Keypoint& a = actual[i].keypoints[k];
      const Keypoint& e = expected[i].keypoints[k];
      EXPECT_EQ(a.x, e.x) << "pose " << i << " " << KeypointName(k);
      EXPECT_EQ(a.y, e.y) << "pose " << i << " " << KeypointName(k);
      EXPECT_EQ(a.score, e.score) << "pose " << i << " " << KeypointName(k);
    }
  }
}

}  // namespace posenet::testing
