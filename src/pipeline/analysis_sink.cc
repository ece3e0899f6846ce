#include "pipeline/analysis_sink.h"

#include <cmath>
#include <string>

#include "render/annotations.h"

namespace posenet {

Status AnalysisSink::Write(const FrameResult& r) {
  frames_.push_back({r.frame.index, r.frame.timestamp_ms, r.poses});
  readings_ = live_.Add(frames_.back());
  return Status::Ok();
}

void DrawLiveReadings(Image& image, const std::vector<LiveReading>& readings) {
  for (const LiveReading& r : readings) {
    std::string text = std::string(ExerciseName(r.exercise)) + " " + std::to_string(r.complete);
    if (r.valid) text += " | " + std::to_string(static_cast<int>(std::lround(r.degrees))) + " deg";
    // Beside the joint, a little to the right, in the person's colour.
    const float offset = static_cast<float>(LineThickness(image.width(), image.height())) * 4;
    Pose pose;
    pose.id = r.id;
    DrawLabel(image, r.joint.x + offset, r.joint.y - offset, text, PoseColor(pose, 0));
  }
}

}  // namespace posenet
