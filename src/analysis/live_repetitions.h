// Repetitions counted frame by frame while a video is drawn, for the overlay that shows each
// person's count and current angle next to the joint. The same counter as the report's.
//
// With an exercise given, that exercise is counted. With auto, every exercise is counted at
// once and the overlay shows the one with the most complete repetitions so far (ties: squat,
// jumping jack, curl, push-up), which can differ from the report's choice, made on the whole
// recording, until the first repetitions are done.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "analysis/repetition_counter.h"
#include "posenet/analysis.h"

namespace posenet {

struct LiveReading {
  int id = -1;
  Exercise exercise = Exercise::kSquat;
  int complete = 0;    // repetitions so far
  bool valid = false;  // the angle is measured in this frame
  float degrees = 0;   // the exercise's angle now
  Keypoint joint;      // where to show it: the joint of the better-seen side
};

class LiveRepetitions {
 public:
  LiveRepetitions(std::optional<Exercise> exercise, float min_keypoint_score)
      : exercise_(exercise), min_score_(min_keypoint_score) {}

  // Adds a frame; one reading per tracked person in it.
  std::vector<LiveReading> Add(const PoseFrame& frame);

 private:
  struct Person {
    int samples = 0;
    std::vector<RepetitionCounter> counters;  // one per exercise counted
  };
  std::optional<Exercise> exercise_;
  float min_score_;
  std::map<int, Person> people_;
};

}  // namespace posenet
