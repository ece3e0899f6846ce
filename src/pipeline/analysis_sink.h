// `posenet video --analyze`: keeps every frame's tracked poses for the analysis at the end, and
// counts repetitions as frames pass so that a drawn video can show them (DrawLiveReadings).
#pragma once

#include <optional>
#include <vector>

#include "analysis/live_repetitions.h"
#include "image/image.h"
#include "pipeline/frame_sink.h"
#include "posenet/analysis.h"

namespace posenet {

class AnalysisSink final : public FrameSink {
 public:
  AnalysisSink(std::optional<Exercise> exercise, float min_keypoint_score)
      : live_(exercise, min_keypoint_score) {}
  Status Write(const FrameResult& r) override;
  Status Finish() override { return Status::Ok(); }

  const std::vector<PoseFrame>& frames() const { return frames_; }
  // The readings of the frame written last.
  const std::vector<LiveReading>& readings() const { return readings_; }

 private:
  std::vector<PoseFrame> frames_;
  LiveRepetitions live_;
  std::vector<LiveReading> readings_;
};

// Draws each reading next to its joint: "squat 2 | 95 deg" (the angle left out in a gap).
void DrawLiveReadings(Image& image, const std::vector<LiveReading>& readings);

}  // namespace posenet
