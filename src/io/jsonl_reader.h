// Reads what `posenet video --jsonl` wrote back into frames of poses, for `posenet analyze`.
//
// Fields other than frame, timestamp_ms, image and poses (id, score, box, keypoints) are
// ignored, so newer files with more fields still read. The input is hostile: every error is one
// line, "<path>: cannot read poses: line N: <reason>", and nothing is allocated before the
// sizes are checked (at most kMaxPosesPerFrame poses a line, 17 keypoints a pose).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "posenet/analysis.h"

namespace posenet {

inline constexpr size_t kMaxPosesPerFrame = 1000;

struct PoseRecording {
  std::vector<PoseFrame> frames;
  std::string video_path;     // image.path of the first line, when given
  int width = 0, height = 0;  // image size of the first line, when given
};

Result<PoseRecording> ReadPosesJsonl(const std::string& path,
                                     uint64_t max_bytes = uint64_t{1} << 30);

// The same from text in memory; `name` stands for the path in errors.
Result<PoseRecording> ParsePosesJsonl(const std::string& text, const std::string& name);

}  // namespace posenet
