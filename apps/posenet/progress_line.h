// The progress line `posenet video` and `posenet detect DIR` keep rewriting on stderr when
// stderr is a terminal:
//   dance.mp4: 120/244 frames, 3.2 frames/s, 39 s left
//   pictures: 12/340 pictures, 5.1 pictures/s, 1 min 4 s left
// At most four updates a second; Finish() ends the line.
#pragma once

#include <string>

#include "pipeline/video_pipeline.h"

namespace posenet::cli {

class ProgressLine {
 public:
  // Prints nothing when `enabled` is false.
  ProgressLine(std::string name, bool enabled, std::string unit = "frames")
      : name_(std::move(name)), unit_(std::move(unit)), enabled_(enabled) {}
  void Update(const PipelineProgress& p);
  void Finish();

 private:
  std::string name_, unit_;
  bool enabled_;
  bool shown_ = false;
  double last_seconds_ = -1;
};

// "39 s", "12 min 5 s", "2 h 3 min".
std::string FormatDuration(double seconds);

}  // namespace posenet::cli
