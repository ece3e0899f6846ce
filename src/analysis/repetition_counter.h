// Counts repetitions of a periodic movement from one angle, sample by sample, so the same code
// serves a whole recording and a live overlay.
//
// Every exercise rests at low angles (a straight knee or elbow, arms down) and peaks at high
// ones. The counter keeps the least and greatest angle seen so far (after a 3-sample median
// that removes single-frame glitches) and places each sample in that range: a repetition starts
// when the angle leaves the lowest quarter of the range, counts as under way when it passes 60 %
// of it (and the range is at least the exercise's minimum), and is complete when it comes back
// into the lowest quarter. The bottom is the greatest angle in between (the sample itself, not
// the median, which would clip a sharp peak; unless the sample is a glitch 10 degrees off its
// median). A repetition under way when the samples end is partial.
#pragma once

#include <vector>

#include "posenet/analysis.h"

namespace posenet {

struct RepetitionRule {
  AngleId angle = AngleId::kKnees;
  float min_range_degrees = 40;  // smaller movements are not repetitions
  float enter_fraction = 0.6f;   // of the range: a repetition is under way above this
  float rest_fraction = 0.25f;   // of the range: back at rest below this
};

RepetitionRule RuleFor(Exercise exercise);

class RepetitionCounter {
 public:
  explicit RepetitionCounter(RepetitionRule rule) : rule_(rule) {}

  // Adds sample `index` (time in ms); invalid samples are gaps and change nothing.
  void Add(int index, double time_ms, const AngleSample& sample);
  // Ends the series: a repetition under way becomes a partial one.
  void Finish();

  const std::vector<Repetition>& repetitions() const { return reps_; }
  int complete() const { return complete_; }
  bool under_way() const { return active_; }
  const RepetitionRule& rule() const { return rule_; }

 private:
  struct Point {
    int index;
    double time_ms;
    float degrees;  // median of three: what the thresholds see
    float raw;      // the sample itself: the depth, unless it is a glitch
  };
  static float Depth(const Point& p);
  void Step(const Point& p);  // one filtered sample

  RepetitionRule rule_;
  std::vector<Point> raw_;       // the last three valid samples, for the median
  std::vector<Point> filtered_;  // every filtered sample
  float lo_ = 0, hi_ = 0;
  bool active_ = false;
  int bottom_ = 0;  // into filtered_
  int start_ = 0;   // into filtered_
  int complete_ = 0;
  std::vector<Repetition> reps_;
  bool finished_ = false;
};

// Counts over a whole series of samples (times in ms, one per sample).
std::vector<Repetition> CountRepetitions(const std::vector<AngleSample>& samples,
                                         const std::vector<double>& times_ms,
                                         const RepetitionRule& rule);

}  // namespace posenet
