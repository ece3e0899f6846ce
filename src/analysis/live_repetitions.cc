#include "analysis/live_repetitions.h"

namespace posenet {
namespace {

constexpr Exercise kAutoOrder[] = {Exercise::kSquat, Exercise::kJumpingJack, Exercise::kCurl,
                                   Exercise::kPushUp};

// The joint an exercise's angle is at, on the side whose keypoint scores higher.
Keypoint Joint(const Pose& pose, Exercise e) {
  int left = kLeftKnee, right = kRightKnee;
  if (e == Exercise::kPushUp || e == Exercise::kCurl) left = kLeftElbow, right = kRightElbow;
  if (e == Exercise::kJumpingJack) left = kLeftShoulder, right = kRightShoulder;
  const Keypoint& l = pose.keypoints[left];
  const Keypoint& r = pose.keypoints[right];
  return l.score >= r.score ? l : r;
}

}  // namespace

std::vector<LiveReading> LiveRepetitions::Add(const PoseFrame& frame) {
  std::vector<LiveReading> readings;
  for (const Pose& pose : frame.poses) {
    if (pose.id < 0) continue;
    Person& person = people_[pose.id];
    if (person.counters.empty()) {
      if (exercise_) {
        person.counters.emplace_back(RuleFor(*exercise_));
      } else {
        for (Exercise e : kAutoOrder) person.counters.emplace_back(RuleFor(e));
      }
    }
    size_t best = 0;
    for (size_t i = 0; i < person.counters.size(); ++i) {
      RepetitionCounter& counter = person.counters[i];
      counter.Add(person.samples, frame.timestamp_ms,
                  MeasureAngle(pose, counter.rule().angle, min_score_));
      if (counter.complete() > person.counters[best].complete()) best = i;
    }
    ++person.samples;
    const Exercise e = exercise_ ? *exercise_ : kAutoOrder[best];
    const AngleSample angle = MeasureAngle(pose, ExerciseAngle(e), min_score_);
    readings.push_back(
        {pose.id, e, person.counters[best].complete(), angle.valid, angle.degrees, Joint(pose, e)});
  }
  return readings;
}

}  // namespace posenet
