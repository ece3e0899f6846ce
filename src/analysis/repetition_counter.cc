#include "analysis/repetition_counter.h"

#include <algorithm>
#include <cmath>

namespace posenet {

RepetitionRule RuleFor(Exercise exercise) {
  // The least range of each exercise's angle, in Exercise order: squat, push-up, jumping jack,
  // curl. Below it a movement is not a repetition (docs/analysis.md).
  constexpr float kMinRange[] = {40, 40, 60, 50};
  RepetitionRule rule;
  rule.angle = ExerciseAngle(exercise);
  rule.min_range_degrees = kMinRange[static_cast<int>(exercise)];
  return rule;
}

float RepetitionCounter::Depth(const Point& p) {
  constexpr float kGlitchDegrees = 10;
  return std::fabs(p.raw - p.degrees) <= kGlitchDegrees ? p.raw : p.degrees;
}

void RepetitionCounter::Add(int index, double time_ms, const AngleSample& sample) {
  if (!sample.valid || finished_) return;
  raw_.push_back({index, time_ms, sample.degrees, sample.degrees});
  if (raw_.size() == 1) {
    Step(raw_[0]);  // the first sample has no left neighbour: taken as it is
    return;
  }
  if (raw_.size() > 3) raw_.erase(raw_.begin());
  if (raw_.size() == 3) {
    // The middle sample, with the median of the three.
    float v[3] = {raw_[0].degrees, raw_[1].degrees, raw_[2].degrees};
    std::sort(v, v + 3);
    Step({raw_[1].index, raw_[1].time_ms, v[1], raw_[1].degrees});
  }
}

void RepetitionCounter::Finish() {
  if (finished_) return;
  if (raw_.size() >= 2) Step(raw_.back());  // the last sample has no right neighbour
  finished_ = true;
  if (!active_) return;
  const Point& s = filtered_[start_];
  const Point& b = filtered_[bottom_];
  const Point& e = filtered_.back();
  reps_.push_back({s.index, b.index, e.index, s.time_ms, b.time_ms, e.time_ms, Depth(b),
                   (e.time_ms - s.time_ms) / 1000.0, false});
  active_ = false;
}

void RepetitionCounter::Step(const Point& p) {
  filtered_.push_back(p);
  const int current = static_cast<int>(filtered_.size()) - 1;
  if (current == 0) {
    lo_ = hi_ = p.degrees;
  }
  lo_ = std::min(lo_, p.degrees);
  hi_ = std::max(hi_, p.degrees);
  const float range = hi_ - lo_;
  const float rest_level = lo_ + rule_.rest_fraction * range;
  if (!active_) {
    if (range < rule_.min_range_degrees || p.degrees < lo_ + rule_.enter_fraction * range) return;
    // Under way: it started at the last sample at rest (or the first one we have).
    active_ = true;
    bottom_ = current;
    start_ = 0;
    for (int i = current - 1; i >= 0; --i) {
      if (filtered_[i].degrees <= rest_level) {
        start_ = i;
        break;
      }
    }
    // Never before the end of the previous repetition.
    if (!reps_.empty()) {
      while (start_ < current && filtered_[start_].index < reps_.back().end) ++start_;
    }
    return;
  }
  if (Depth(p) > Depth(filtered_[bottom_])) bottom_ = current;
  if (p.degrees > rest_level) return;
  const Point& s = filtered_[start_];
  const Point& bottom = filtered_[bottom_];
  reps_.push_back({s.index, bottom.index, p.index, s.time_ms, bottom.time_ms, p.time_ms,
                   Depth(bottom), (p.time_ms - s.time_ms) / 1000.0, true});
  ++complete_;
  active_ = false;
}

std::vector<Repetition> CountRepetitions(const std::vector<AngleSample>& samples,
                                         const std::vector<double>& times_ms,
                                         const RepetitionRule& rule) {
  RepetitionCounter counter(rule);
  const size_t n = std::min(samples.size(), times_ms.size());
  for (size_t i = 0; i < n; ++i) counter.Add(static_cast<int>(i), times_ms[i], samples[i]);
  counter.Finish();
  return counter.repetitions();
}

}  // namespace posenet
