// FilterPoses: the minimum pose score and duplicates by OKS, on hand-made people.
#include "decode/pose_filter.h"

#include <gtest/gtest.h>

#include "test_poses.h"

namespace posenet {
namespace {

using testing::Person;

std::vector<float> Scores(const std::vector<Pose>& poses) {
  std::vector<float> s;
  for (const Pose& p : poses) s.push_back(p.score);
  return s;
}

TEST(FilterPoses, DropsPosesBelowTheMinimumScoreAndKeepsTheOrder) {
  std::vector<Pose> poses = {Person(100, 400, 300, 0.5f), Person(500, 400, 300, 0.1f),
                             Person(900, 400, 300, 0.3f)};
  PoseFilterOptions o;
  o.min_pose_score = 0.3f;
  FilterPoses(poses, o);
  EXPECT_EQ(Scores(poses), (std::vector<float>{0.5f, 0.3f}));
}

TEST(FilterPoses, TheWeakerOfTwoDuplicatesGoesWhateverTheOrder) {
  // The same person decoded twice (a few pixels apart), and someone else.
  Pose weak = Person(103, 402, 300);
  weak.score = 0.2f;
  for (std::vector<Pose> poses :
       {std::vector<Pose>{weak, Person(100, 400, 300, 0.8f), Person(600, 400, 300, 0.4f)},
        std::vector<Pose>{Person(100, 400, 300, 0.8f), Person(600, 400, 300, 0.4f), weak}}) {
    PoseFilterOptions o;
    o.duplicate_oks = 0.5f;
    FilterPoses(poses, o);
    ASSERT_EQ(poses.size(), 2u);
    EXPECT_FLOAT_EQ(poses[0].score, 0.8f);
    EXPECT_FLOAT_EQ(poses[1].score, 0.4f);
  }
}

TEST(FilterPoses, OverlappingPeopleOfDifferentSizesAreNotDuplicates) {
  // A child standing in front of an adult: boxes overlap, keypoints do not.
  std::vector<Pose> poses = {Person(300, 500, 400, 0.8f), Person(330, 500, 200, 0.6f)};
  PoseFilterOptions o;
  o.duplicate_oks = 0.5f;
  FilterPoses(poses, o);
  EXPECT_EQ(poses.size(), 2u);
}

TEST(FilterPoses, DefaultsKeepEverything) {
  std::vector<Pose> poses = {Person(100, 400, 300, 0.0f), Person(100, 400, 300, 0.0f)};
  FilterPoses(poses, {});
  EXPECT_EQ(poses.size(), 2u);
}

}  // namespace
}  // namespace posenet
