// Where video frames come from: a video file, a stream URL, a camera or a folder of pictures,
// behind one interface so the pipeline reads them all the same way.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "base/status.h"
#include "image/image.h"

namespace posenet {

struct VideoFrame {
  int64_t index = 0;        // 0, 1, 2 ... in reading order (frames dropped later keep theirs)
  double timestamp_ms = 0;  // files: index / fps; live sources: time since the first frame
  std::string path;         // folders: the picture file; empty otherwise
  Image image;              // RGB8
  // When the pipeline received the frame from its source (steady clock): live outputs measure
  // their latency from here.
  std::chrono::steady_clock::time_point arrival{};
};

struct SourceInfo {
  std::string name;              // the input as given (path, URL or "camera N")
  int width = 0, height = 0;     // of the first frame; 0 when unknown (folders)
  double fps = 0;                // frames per second; 0 when unknown
  int64_t declared_frames = -1;  // the container's frame count; -1 when unknown or live
  bool live = false;             // camera or stream: frames keep coming at their own pace
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  virtual const SourceInfo& info() const = 0;
  // Reads the next frame into `frame`. Returns false at the normal end; errors are one line
  // naming the input (a truncated file, a stream that stopped, an unreadable picture).
  virtual Result<bool> Next(VideoFrame& frame) = 0;
};

}  // namespace posenet
