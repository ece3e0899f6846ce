#include "tracking/pose_tracker.h"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "decode/pose_util.h"
#include "test_poses.h"

namespace posenet {
namespace {

using testing::Person;

constexpr double kFrame = 1.0 / 25.0;

// Raw keypoints and an id from a track's first frame (confirmation has its own tests).
TrackerOptions NoSmoothing() {
  TrackerOptions o;
  o.smoothing = false;
  o.min_hits = 1;
  return o;
}

// Two people walk towards each other, cross and walk on; detections come in a different order
// every frame. Each must keep the id of its first frame.
void ExpectCrossingKeepsIds(TrackerOptions options) {
  PoseTracker tracker(options);
  int id_a = -1, id_b = -1;
  for (int f = 0; f <= 40; ++f) {
    const Pose a = Person(100.0f + 10.0f * f, 400, 300);
    const Pose b = Person(500.0f - 10.0f * f, 420, 260);
    const bool swap = f % 2 == 1;
    std::vector<Pose> in = swap ? std::vector<Pose>{b, a} : std::vector<Pose>{a, b};
    const std::vector<Pose> out = tracker.Update(in, f * kFrame);
    ASSERT_EQ(out.size(), 2u);
    const Pose& out_a = swap ? out[1] : out[0];
    const Pose& out_b = swap ? out[0] : out[1];
    if (f == 0) {
      id_a = out_a.id;
      id_b = out_b.id;
      EXPECT_EQ(id_a, 0);
      EXPECT_EQ(id_b, 1);
    }
    EXPECT_EQ(out_a.id, id_a) << "frame " << f;
    EXPECT_EQ(out_b.id, id_b) << "frame " << f;
  }
  EXPECT_EQ(tracker.ids_seen(), 2);
}

TEST(PoseTracker, TwoPeopleCrossingKeepTheirIdsWithOks) {
  ExpectCrossingKeepsIds(NoSmoothing());
  ExpectCrossingKeepsIds(TrackerOptions{});
}

TEST(PoseTracker, TwoPeopleCrossingKeepTheirIdsWithBoxIou) {
  TrackerOptions o = NoSmoothing();
  o.similarity = TrackSimilarity::kBoxIou;
  ExpectCrossingKeepsIds(o);
}

TEST(PoseTracker, BoxIouMatchesOverlappingBoxesOnly) {
  TrackerOptions o = NoSmoothing();
  o.similarity = TrackSimilarity::kBoxIou;
  o.min_similarity = 0.5f;
  PoseTracker tracker(o);
  EXPECT_EQ(tracker.Update({Person(100, 400, 300)}, 0.0)[0].id, 0);
  // 20 px to the right: the ~108 px wide boxes overlap with IoU ~0.69.
  EXPECT_EQ(tracker.Update({Person(120, 400, 300)}, kFrame)[0].id, 0);
  // 80 px further: IoU ~0.15 < 0.5, so a new person.
  EXPECT_EQ(tracker.Update({Person(200, 400, 300)}, 2 * kFrame)[0].id, 1);
}

// A person is seen for 5 frames, missing for `gap` frames, then seen again at the same place.
int IdAfterGap(int gap, int max_age) {
  TrackerOptions o = NoSmoothing();
  o.max_age_frames = max_age;
  PoseTracker tracker(o);
  int f = 0;
  for (; f < 5; ++f) EXPECT_EQ(tracker.Update({Person(300, 400, 300)}, f * kFrame)[0].id, 0);
  for (int i = 0; i < gap; ++i, ++f) EXPECT_TRUE(tracker.Update({}, f * kFrame).empty());
  return tracker.Update({Person(300, 400, 300)}, f * kFrame)[0].id;
}

TEST(PoseTracker, PersonReturningWithinMaxAgeKeepsItsId) {
  EXPECT_EQ(IdAfterGap(1, 3), 0);
  EXPECT_EQ(IdAfterGap(3, 3), 0);
}

TEST(PoseTracker, PersonReturningAfterMaxAgeGetsANewId) {
  EXPECT_EQ(IdAfterGap(4, 3), 1);
  EXPECT_EQ(IdAfterGap(20, 10), 1);
}

TEST(PoseTracker, MaxTracksLeavesTheLowestScoringNewPersonUntracked) {
  TrackerOptions o = NoSmoothing();
  o.max_tracks = 2;
  PoseTracker tracker(o);
  const Pose a = Person(100, 400, 300, 0.9f);
  const Pose b = Person(400, 400, 300, 0.5f);
  const Pose c = Person(700, 400, 300, 0.7f);
  for (int f = 0; f < 3; ++f) {
    const std::vector<Pose> out = tracker.Update({a, b, c}, f * kFrame);
    EXPECT_EQ(out[0].id, 0) << "frame " << f;
    EXPECT_EQ(out[1].id, -1) << "frame " << f;
    EXPECT_EQ(out[2].id, 1) << "frame " << f;
    EXPECT_EQ(tracker.live_tracks(), 2);
  }
  // c goes missing: its stale track gives way to b, who is visible now.
  const std::vector<Pose> out = tracker.Update({a, b}, 3 * kFrame);
  EXPECT_EQ(out[0].id, 0);
  EXPECT_EQ(out[1].id, 2);
  EXPECT_EQ(tracker.live_tracks(), 2);
  EXPECT_EQ(tracker.ids_seen(), 3);
}

TEST(PoseTracker, NewIdsCountUpAndAreNeverReused) {
  TrackerOptions o = NoSmoothing();
  o.max_age_frames = 0;
  PoseTracker tracker(o);
  // Alternating far-apart places: every detection is a new person, the old track dies.
  for (int f = 0; f < 6; ++f) {
    const float x = f % 2 == 0 ? 100.0f : 900.0f;
    EXPECT_EQ(tracker.Update({Person(x, 400, 300)}, f * kFrame)[0].id, f);
  }
  EXPECT_EQ(tracker.ids_seen(), 6);
}

TEST(PoseTracker, WithoutSmoothingPosesPassThroughUnchanged) {
  PoseTracker tracker(NoSmoothing());
  for (int f = 0; f < 5; ++f) {
    const Pose in = Person(100.0f + 3.0f * f + (f % 2) * 2.0f, 400, 300);
    const Pose out = tracker.Update({in}, f * kFrame)[0];
    for (int k = 0; k < kNumKeypoints; ++k) {
      EXPECT_EQ(out.keypoints[k].x, in.keypoints[k].x);
      EXPECT_EQ(out.keypoints[k].y, in.keypoints[k].y);
    }
  }
}

TEST(PoseTracker, SmoothingDampsShakeKeepsScoresAndRefitsTheBox) {
  PoseTracker tracker;
  double raw_shake = 0, smoothed_shake = 0;
  double previous_x = 0;
  for (int f = 0; f < 50; ++f) {
    // Standing still, with detections shaking +-2 px frame to frame.
    Pose in = Person(300.0f + (f % 2 == 0 ? 2.0f : -2.0f), 400, 300);
    in.keypoints[kLeftWrist].score = 0.4f;
    const Pose out = tracker.Update({in}, f * kFrame)[0];
    if (f == 0) {
      EXPECT_EQ(out.keypoints[kNose].x, in.keypoints[kNose].x);  // first sample passes
    }
    if (f >= 25) {  // after settling
      raw_shake += 4.0;
      smoothed_shake += std::abs(out.keypoints[kNose].x - previous_x);
    }
    previous_x = out.keypoints[kNose].x;
    EXPECT_EQ(out.keypoints[kLeftWrist].score, 0.4f);
    EXPECT_EQ(out.score, in.score);
    const Box fitted = KeypointBox(out);
    EXPECT_EQ(out.box.x0, fitted.x0);
    EXPECT_EQ(out.box.y0, fitted.y0);
    EXPECT_EQ(out.box.x1, fitted.x1);
    EXPECT_EQ(out.box.y1, fitted.y1);
  }
  EXPECT_LT(smoothed_shake, 0.5 * raw_shake);
}

TEST(PoseTracker, SmoothingFollowsSteadyMotionWithLittleLag) {
  PoseTracker tracker;
  float error = 0;
  for (int f = 0; f < 50; ++f) {
    const Pose in = Person(100.0f + 8.0f * f, 400, 300);  // 200 px/s
    const Pose out = tracker.Update({in}, f * kFrame)[0];
    error = in.keypoints[kNose].x - out.keypoints[kNose].x;
  }
  EXPECT_GT(error, 0.0f);   // a low-pass trails a ramp
  EXPECT_LT(error, 10.0f);  // by less than ~1 frame of motion (8 px)
}

TEST(PoseTracker, RecreatedTrackStartsWithFreshFilters) {
  TrackerOptions o;
  o.max_age_frames = 2;
  o.min_hits = 1;
  PoseTracker tracker(o);
  for (int f = 0; f < 10; ++f) tracker.Update({Person(100.0f + 5.0f * f, 400, 300)}, f * kFrame);
  for (int f = 10; f < 13; ++f) tracker.Update({}, f * kFrame);  // 3 > max_age: dropped
  // A new person (new id) at another place passes through unsmoothed on its first frame.
  const Pose in = Person(600, 420, 280);
  const Pose out = tracker.Update({in}, 13 * kFrame)[0];
  EXPECT_EQ(out.id, 1);
  for (int k = 0; k < kNumKeypoints; ++k) {
    EXPECT_EQ(out.keypoints[k].x, in.keypoints[k].x);
    EXPECT_EQ(out.keypoints[k].y, in.keypoints[k].y);
  }
}

// Confirmation (min_hits): the people of the first frames get ids at once; later a detection
// needs min_hits consecutive matched frames, so a short-lived false one never gets an id.
TEST(PoseTracker, ShortLivedDetectionsNeverGetAnId) {
  TrackerOptions o = NoSmoothing();
  o.min_hits = 4;
  PoseTracker tracker(o);
  const Pose person = Person(200, 400, 300);
  const Pose ghost = Person(700, 400, 120, 0.4f);
  int f = 0;
  for (; f < 10; ++f) {
    const std::vector<Pose> out = tracker.Update({person}, f * kFrame);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].id, 0) << "frame " << f;
  }
  // Three frames of a false detection, one missed, three more: never four in a row.
  for (int i = 0; i < 7; ++i, ++f) {
    std::vector<Pose> in = {person};
    if (i != 3) in.push_back(ghost);
    const std::vector<Pose> out = tracker.Update(in, f * kFrame);
    ASSERT_EQ(out.size(), 1u) << "frame " << f;  // the ghost is left out
    EXPECT_EQ(out[0].id, 0);
  }
  EXPECT_EQ(tracker.ids_seen(), 1);
  // A person who comes and stays: hidden for 3 frames, id 1 from the 4th on.
  for (int i = 0; i < 6; ++i, ++f) {
    const std::vector<Pose> out = tracker.Update({person, Person(450, 420, 260)}, f * kFrame);
    ASSERT_EQ(out.size(), i < 3 ? 1u : 2u) << "frame " << f;
    if (i >= 3) {
      EXPECT_EQ(out[1].id, 1);
    }
  }
  EXPECT_EQ(tracker.ids_seen(), 2);
}

TEST(PoseTracker, UnconfirmedDetectionsCanBeKeptWithoutAnId) {
  TrackerOptions o = NoSmoothing();
  o.min_hits = 3;
  o.drop_unconfirmed = false;
  PoseTracker tracker(o);
  const Pose person = Person(200, 400, 300);
  for (int f = 0; f < 5; ++f) tracker.Update({person}, f * kFrame);
  const std::vector<int> want = {-1, -1, 1, 1};
  for (int i = 0; i < 4; ++i) {
    const std::vector<Pose> out = tracker.Update({person, Person(700, 400, 200)}, (5 + i) * kFrame);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].id, 0);
    EXPECT_EQ(out[1].id, want[i]) << "frame " << 5 + i;
  }
}

}  // namespace
}  // namespace posenet
