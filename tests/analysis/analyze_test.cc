// AnalyzePoses: people by id, angle series and velocity, exercise choice, edge cases.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "posenet/analysis.h"

namespace posenet {
namespace {

// A standing person whose left and right knees bend by `flexion` degrees (thigh vertical,
// shank swung back), at x offset `x`.
Pose Squatter(float flexion, float x, int id) {
  Pose p;
  p.id = id;
  p.score = 0.9f;
  for (Keypoint& k : p.keypoints) k = {x, 100, 0.9f};
  const float r = flexion * static_cast<float>(std::numbers::pi) / 180;
  for (auto [hip, knee, ankle, dx] : {std::tuple{kLeftHip, kLeftKnee, kLeftAnkle, 10.0f},
                                      std::tuple{kRightHip, kRightKnee, kRightAnkle, -10.0f}}) {
    p.keypoints[hip] = {x + dx, 200, 0.9f};
    p.keypoints[knee] = {x + dx, 300, 0.9f};
    p.keypoints[ankle] = {x + dx - 100 * std::sin(r), 300 + 100 * std::cos(r), 0.9f};
  }
  p.keypoints[kLeftShoulder] = {x + 10, 50, 0.9f};
  p.keypoints[kRightShoulder] = {x - 10, 50, 0.9f};
  return p;
}

std::vector<PoseFrame> Squats(int reps, int frames_per_rep, bool second_person) {
  std::vector<PoseFrame> frames;
  for (int i = 0; i < reps * frames_per_rep + 3; ++i) {
    const double phase = 2 * std::numbers::pi * (i % frames_per_rep) / frames_per_rep;
    const float flexion = i >= reps * frames_per_rep ? 5.0f : 5 + 40 * (1 - std::cos(phase));
    PoseFrame f{i, i * 100.0, {Squatter(flexion, 300, 7)}};
    if (second_person) f.poses.push_back(Squatter(2, 600, 3));  // stands still
    frames.push_back(f);
  }
  return frames;
}

TEST(AnalyzePosesTest, PeopleByIdAnglesAndVelocity) {
  const auto people = AnalyzePoses(Squats(3, 20, true));
  ASSERT_EQ(people.size(), 2u);
  EXPECT_EQ(people[0].id, 3);
  EXPECT_EQ(people[1].id, 7);
  const PersonAnalysis& p = people[1];
  ASSERT_EQ(p.frames.size(), 63u);
  const auto& knees = p.angles[static_cast<int>(AngleId::kKnees)];
  EXPECT_NEAR(knees[10].degrees, 85.0f, 1e-3);  // the bottom: 5 + 80
  EXPECT_NEAR(knees[0].degrees, 5.0f, 1e-3);
  // At a quarter period the angle grows fastest: 40 * 2 pi / 2 s = 125.66 deg/s (the central
  // difference over +-0.1 s reads sin(0.1 pi) / (0.1 pi) of it).
  const double expected =
      40 * 2 * std::numbers::pi / 2.0 * std::sin(0.1 * std::numbers::pi) / (0.1 * std::numbers::pi);
  EXPECT_NEAR(p.velocity[static_cast<int>(AngleId::kKnees)][5], expected, 0.5);
  EXPECT_NEAR(p.range_of_motion[static_cast<int>(AngleId::kKnees)], 80.0f, 2.0f);
  // Auto picks the squat for the moving person, nothing for the one standing.
  ASSERT_TRUE(p.exercise.has_value());
  EXPECT_EQ(*p.exercise, Exercise::kSquat);
  EXPECT_EQ(p.complete_repetitions, 3);
  EXPECT_FALSE(people[0].exercise.has_value());
  EXPECT_EQ(people[0].complete_repetitions, 0);
}

TEST(AnalyzePosesTest, EmptyOneFrameAndUntracked) {
  EXPECT_TRUE(AnalyzePoses({}).empty());
  EXPECT_TRUE(AnalyzePoses({PoseFrame{0, 0, {}}, PoseFrame{1, 40, {}}}).empty());
  // One frame: below the default two samples.
  EXPECT_TRUE(AnalyzePoses({PoseFrame{0, 0, {Squatter(10, 0, 0)}}}).empty());
  AnalysisOptions one;
  one.min_samples = 1;
  const auto single = AnalyzePoses({PoseFrame{0, 0, {Squatter(10, 0, 0)}}}, one);
  ASSERT_EQ(single.size(), 1u);
  EXPECT_TRUE(single[0].repetitions.empty());
  EXPECT_TRUE(single[0].gait.steps.empty());
  // Untracked poses (id -1): the best-scoring one per frame is one person.
  std::vector<PoseFrame> frames = Squats(2, 20, false);
  for (PoseFrame& f : frames) {
    f.poses[0].id = -1;
    Pose weak = Squatter(90, 800, -1);
    weak.score = 0.2f;
    f.poses.push_back(weak);
  }
  const auto untracked = AnalyzePoses(frames);
  ASSERT_EQ(untracked.size(), 1u);
  EXPECT_EQ(untracked[0].id, -1);
  EXPECT_EQ(untracked[0].complete_repetitions, 2);
}

}  // namespace
}  // namespace posenet
