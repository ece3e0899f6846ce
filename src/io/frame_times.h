// Presentation times of a video file's frames, read from its container with libavformat.
//
// OpenCV's CAP_PROP_POS_MSEC is unreliable once frames are reordered (B-frames, as in most
// phone and x264 videos): it falls back to decoding times for some frames (measured: 6 of 100
// frames of an x264 test clip 40-170 ms off). This reads the video packets' presentation
// times in a second pass over the file (no decoding) and hands them out in presentation
// order, as a decoder outputs frames: a window of the next 32 packets' times, smallest first
// (H.264 and HEVC reorder at most 16 frames). Packets the container marks as discarded (before
// an MP4 edit list's start) are skipped, as decoders skip them.
#pragma once

#include <memory>
#include <string>

namespace posenet {

class FrameTimes {
 public:
  // nullptr when libavformat cannot read the file's video stream (the caller then falls back
  // to its own times).
  static std::unique_ptr<FrameTimes> Open(const std::string& path);
  ~FrameTimes();
  FrameTimes(const FrameTimes&) = delete;
  FrameTimes& operator=(const FrameTimes&) = delete;

  // The next frame's presentation time in milliseconds from the stream's start; NaN when the
  // file has no more packets or no time for this one.
  double Next();

 private:
  struct State;
  explicit FrameTimes(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace posenet
