// Shared by the analysis end-to-end tests: the squats and joints marked by hand on
// pose_squats.mp4 (tests/data/pose_squats_marks.json) and the checks against them.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "json_file.h"
#include "shared_data.h"

namespace posenet::testing {

inline nlohmann::json Marks() {
  return testing::ReadJson(std::string(POSENET_TEST_DATA) + "/pose_squats_marks.json");
}

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The "model" object of a JSONL results file's first line (the input size the run used).
inline nlohmann::json FirstLineModel(const std::string& jsonl_path) {
  std::ifstream jsonl(jsonl_path);
  std::string first;
  std::getline(jsonl, first);
  return nlohmann::json::parse(first, nullptr, false)["model"];
}

inline int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The angle at the knee from the hand marks, the mean of both legs, as flexion (180 - angle).
inline double HandKneeFlexion(const nlohmann::json& marks) {
  double sum = 0;
  for (const char* side : {"left", "right"}) {
    const auto& h = marks[std::string(side) + "_hip"];
    const auto& k = marks[std::string(side) + "_knee"];
    const auto& a = marks[std::string(side) + "_ankle"];
    const double ax = h[0].get<double>() - k[0].get<double>(),
                 ay = h[1].get<double>() - k[1].get<double>();
    const double bx = a[0].get<double>() - k[0].get<double>(),
                 by = a[1].get<double>() - k[1].get<double>();
    sum += std::atan2(std::fabs(ax * by - ay * bx), ax * bx + ay * by) * 180 / M_PI;
  }
  return 180 - sum / 2;
}

// The summary's repetitions against the squats counted by eye: as many, complete or partial as
// seen, each starting and ending within 2 frames of the eye's frames, the bottom inside the
// span where the hips were lowest. Returns each repetition's depth.
inline std::vector<double> CheckSquats(const nlohmann::json& summary) {
  const nlohmann::json truth = Marks()["squats_by_eye"];
  std::vector<double> depths;
  EXPECT_EQ(summary["people"].size(), 1u);
  if (summary["people"].empty()) return depths;
  const nlohmann::json& person = summary["people"][0];
  EXPECT_EQ(person["exercise"], "squat");
  EXPECT_EQ(person["complete_repetitions"], 2);
  EXPECT_EQ(person["partial_repetitions"], 1);
  const nlohmann::json& reps = person["repetitions"];
  EXPECT_EQ(reps.size(), truth.size());
  for (size_t i = 0; i < std::min(reps.size(), truth.size()); ++i) {
    EXPECT_EQ(reps[i]["complete"], truth[i]["complete"]) << i;
    EXPECT_NEAR(reps[i]["start_frame"].get<int>(), truth[i]["first_frame"].get<int>(), 2) << i;
    EXPECT_NEAR(reps[i]["end_frame"].get<int>(), truth[i]["last_frame"].get<int>(), 2) << i;
    EXPECT_GE(reps[i]["bottom_frame"].get<int>(), truth[i]["bottom_frames"][0].get<int>()) << i;
    EXPECT_LE(reps[i]["bottom_frame"].get<int>(), truth[i]["bottom_frames"][1].get<int>()) << i;
    depths.push_back(reps[i]["depth_degrees"].get<double>());
  }
  return depths;
}

// Each repetition's depth against the knee flexion measured on the hand marks of its bottom.
inline void CheckDepths(const std::vector<double>& depths, double tolerance) {
  const nlohmann::json marks = Marks()["bottom_marks"];
  const char* frames[] = {"10", "34", "59"};
  ASSERT_EQ(depths.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(depths[i], HandKneeFlexion(marks[frames[i]]), tolerance) << "squat " << i + 1;
  }
}

}  // namespace posenet::testing
