// The repetition counter on angle series whose repetitions are known by construction.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "analysis/repetition_counter.h"

namespace posenet {
namespace {

struct Series {
  std::vector<AngleSample> angles;
  std::vector<double> times_ms;
  void Add(double degrees, bool valid = true) {
    times_ms.push_back(times_ms.size() * 100.0);  // 10 samples a second
    angles.push_back({static_cast<float>(degrees), valid ? 0.9f : 0.1f, valid});
  }
  // Rest for `rest` samples, then one repetition of `samples` samples from `low` to `high`
  // and back (a raised cosine: the peak at the middle sample).
  void Repetition(int samples, double low, double high, int rest = 5) {
    for (int i = 0; i < rest; ++i) Add(low);
    for (int i = 0; i <= samples; ++i) {
      Add(low + (high - low) * (1 - std::cos(2 * std::numbers::pi * i / samples)) / 2);
    }
  }
};

TEST(RepetitionCounterTest, CountsCompleteOnesAndAPartialOneAtTheEnd) {
  Series s;
  s.Repetition(20, 10, 90);  // samples 5..25, peak at 15
  s.Repetition(20, 10, 95);  // 31..51, peak at 41
  s.Repetition(16, 10, 85);  // 57..73, peak at 65
  for (int i = 0; i < 5; ++i) s.Add(10);
  for (int i = 0; i <= 8; ++i) s.Add(10 + 80 * i / 8.0);  // down, and the video ends
  const std::vector<Repetition> reps =
      CountRepetitions(s.angles, s.times_ms, RuleFor(Exercise::kSquat));
  ASSERT_EQ(reps.size(), 4u);
  const int peaks[] = {15, 41, 65};
  const float depths[] = {90, 95, 85};
  for (int r = 0; r < 3; ++r) {
    EXPECT_TRUE(reps[r].complete);
    EXPECT_EQ(reps[r].bottom, peaks[r]) << r;
    EXPECT_NEAR(reps[r].depth_degrees, depths[r], 0.5) << r;
    EXPECT_NEAR(reps[r].bottom_ms, peaks[r] * 100.0, 1e-9);
    // Starts when leaving rest and ends back in it: a few samples either side of the peak.
    EXPECT_LT(reps[r].start, reps[r].bottom - 3);
    EXPECT_GT(reps[r].end, reps[r].bottom + 3);
    EXPECT_NEAR(reps[r].duration_s, (reps[r].end_ms - reps[r].start_ms) / 1000, 1e-9);
  }
  EXPECT_LE(reps[0].end, reps[1].start);
  EXPECT_FALSE(reps[3].complete);
  EXPECT_EQ(reps[3].end, static_cast<int>(s.angles.size()) - 1);
}

TEST(RepetitionCounterTest, OneFrameGlitchesAndGapsChangeNothing) {
  Series s;
  s.Repetition(20, 10, 90);
  s.Repetition(20, 10, 90);
  s.Add(10);
  Series glitchy = s;
  glitchy.angles[8].degrees = 170;   // a one-frame spike while at rest
  glitchy.angles[38].valid = false;  // gaps inside a repetition
  glitchy.angles[39].valid = false;
  const auto clean = CountRepetitions(s.angles, s.times_ms, RuleFor(Exercise::kSquat));
  const auto noisy = CountRepetitions(glitchy.angles, glitchy.times_ms, RuleFor(Exercise::kSquat));
  ASSERT_EQ(clean.size(), 2u);
  ASSERT_EQ(noisy.size(), 2u);
  for (size_t r = 0; r < 2; ++r) {
    EXPECT_TRUE(noisy[r].complete);
    EXPECT_EQ(noisy[r].bottom, clean[r].bottom);
    EXPECT_FLOAT_EQ(noisy[r].depth_degrees, clean[r].depth_degrees);
  }
}

TEST(RepetitionCounterTest, SmallMovementsAreNotRepetitions) {
  Series s;
  for (int r = 0; r < 4; ++r) s.Repetition(20, 10, 40);  // 30 degrees: under the squat's 40
  EXPECT_TRUE(CountRepetitions(s.angles, s.times_ms, RuleFor(Exercise::kSquat)).empty());
}

TEST(RepetitionCounterTest, LiveCounterMatchesTheWholeSeries) {
  Series s;
  s.Repetition(20, 5, 120);
  s.Repetition(30, 5, 110);
  s.Add(5);
  RepetitionCounter live(RuleFor(Exercise::kCurl));
  int seen_under_way = 0;
  for (size_t i = 0; i < s.angles.size(); ++i) {
    live.Add(static_cast<int>(i), s.times_ms[i], s.angles[i]);
    seen_under_way += live.under_way();
  }
  live.Finish();
  EXPECT_EQ(live.complete(), 2);
  EXPECT_GT(seen_under_way, 0);
  EXPECT_EQ(live.repetitions().size(),
            CountRepetitions(s.angles, s.times_ms, RuleFor(Exercise::kCurl)).size());
}

}  // namespace
}  // namespace posenet
