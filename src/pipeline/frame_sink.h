// The last pipeline stage hands every finished frame to sinks (JSONL, CSV, OpenPose files,
// a drawn video ...), in frame order, from one thread.
#pragma once

#include <vector>

#include "base/status.h"
#include "io/frame_source.h"
#include "posenet/pose.h"

namespace posenet {

struct FrameResult {
  VideoFrame frame;
  std::vector<Pose> poses;  // tracked: ids set, keypoints smoothed when smoothing is on
  double inference_ms = 0;  // the network run of this frame
};

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  virtual Status Write(const FrameResult& result) = 0;
  // Called once at the end, also after an error, so files are finalized (an MP4's index).
  virtual Status Finish() = 0;
};

}  // namespace posenet
