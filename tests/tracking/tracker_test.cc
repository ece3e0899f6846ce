// The public Tracker (posenet/tracker.h): option checks, ids, One Euro smoothing computed by
// hand, and hostile input (times, non-finite keypoints) rejected without changing the tracker.
#include "posenet/tracker.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "test_poses.h"

namespace posenet {
namespace {

using testing::Person;

TEST(Tracker, RejectsOptionsOutOfRange) {
  struct Case {
    void (*change)(TrackerOptions&);
    const char* words;
  };
  const Case cases[] = {
      {[](TrackerOptions& o) { o.min_similarity = 1.5f; }, "min_similarity"},
      {[](TrackerOptions& o) { o.min_similarity = std::nanf(""); }, "min_similarity"},
      {[](TrackerOptions& o) { o.max_tracks = 0; }, "max_tracks 0 < 1"},
      {[](TrackerOptions& o) { o.max_age_frames = -1; }, "max_age_frames -1 < 0"},
      {[](TrackerOptions& o) { o.min_keypoint_score = INFINITY; }, "min_keypoint_score"},
      {[](TrackerOptions& o) { o.min_hits = 0; }, "min_hits 0 < 1"},
      {[](TrackerOptions& o) { o.smoothing_params.min_cutoff = 0; }, "min_cutoff"},
      {[](TrackerOptions& o) { o.smoothing_params.beta = -0.1; }, "beta"},
      {[](TrackerOptions& o) { o.smoothing_params.d_cutoff = NAN; }, "d_cutoff"},
      {[](TrackerOptions& o) { o.similarity = static_cast<TrackSimilarity>(5); }, "similarity"},
  };
  for (const Case& c : cases) {
    TrackerOptions o;
    c.change(o);
    auto tracker = Tracker::Create(o);
    ASSERT_FALSE(tracker.ok()) << c.words;
    EXPECT_EQ(tracker.message().rfind("cannot track poses: ", 0), 0u) << tracker.message();
    EXPECT_NE(tracker.message().find(c.words), std::string::npos) << tracker.message();
  }
  EXPECT_TRUE(Tracker::Create().ok());
}

TEST(Tracker, KeepsIdsAndSmoothsAsTheOneEuroFormulaSays) {
  TrackerOptions o;
  o.smoothing_params = {1.0, 0.0, 1.0};  // beta 0: the cutoff stays at 1 Hz
  auto tracker = Tracker::Create(o);
  ASSERT_TRUE(tracker.ok()) << tracker.message();
  auto first = tracker->Update({Person(100, 400, 300), Person(500, 400, 300)}, 0.0);
  ASSERT_TRUE(first.ok()) << first.message();
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].id, 0);
  EXPECT_EQ((*first)[1].id, 1);
  EXPECT_EQ((*first)[0].keypoints[kNose].x, Person(100, 400, 300).keypoints[kNose].x);

  // Both move 10 px right in 0.1 s, listed in the other order.
  auto second = tracker->Update({Person(510, 400, 300), Person(110, 400, 300)}, 0.1);
  ASSERT_TRUE(second.ok()) << second.message();
  EXPECT_EQ((*second)[0].id, 1);
  EXPECT_EQ((*second)[1].id, 0);
  // alpha = 1 / (1 + tau / Te), tau = 1 / (2 pi 1 Hz), Te = 0.1 s; x = x0 + alpha (x1 - x0).
  const double alpha = 1.0 / (1.0 + (1.0 / (2.0 * std::numbers::pi)) / 0.1);
  const double x0 = Person(100, 400, 300).keypoints[kNose].x;
  EXPECT_NEAR((*second)[1].keypoints[kNose].x, x0 + alpha * 10.0, 1e-4);
  EXPECT_EQ(tracker->ids_seen(), 2);
  EXPECT_EQ(tracker->live_tracks(), 2);
  EXPECT_EQ(tracker->options().smoothing_params.beta, 0.0);
}

TEST(Tracker, HostileTimesAndKeypointsAreErrorsThatChangeNothing) {
  auto tracker = Tracker::Create();
  ASSERT_TRUE(tracker.ok());
  ASSERT_TRUE(tracker->Update({Person(100, 400, 300)}, 1.0).ok());

  auto nan_time = tracker->Update({Person(100, 400, 300)}, std::nan(""));
  ASSERT_FALSE(nan_time.ok());
  EXPECT_NE(nan_time.message().find("not finite"), std::string::npos);
  auto backwards = tracker->Update({Person(100, 400, 300)}, 0.5);
  ASSERT_FALSE(backwards.ok());
  EXPECT_NE(backwards.message().find("before the previous frame"), std::string::npos)
      << backwards.message();
  Pose broken = Person(300, 400, 300);
  broken.keypoints[kLeftWrist].y = std::numeric_limits<float>::infinity();
  auto bad_pose = tracker->Update({Person(100, 400, 300), broken}, 1.04);
  ASSERT_FALSE(bad_pose.ok());
  EXPECT_NE(bad_pose.message().find("pose 1 keypoint left_wrist is not finite"), std::string::npos)
      << bad_pose.message();
  EXPECT_EQ(tracker->ids_seen(), 1);

  // The same time again is allowed; the tracker carries on with the person's id.
  auto again = tracker->Update({Person(101, 400, 300)}, 1.0);
  ASSERT_TRUE(again.ok()) << again.message();
  EXPECT_EQ((*again)[0].id, 0);
  Tracker moved = std::move(tracker).value();
  auto later = moved.Update({Person(102, 400, 300)}, 1.04);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ((*later)[0].id, 0);
}

}  // namespace
}  // namespace posenet
