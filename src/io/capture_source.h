// Video files, stream URLs (RTSP, HTTP) and V4L2 cameras through OpenCV's video I/O (FFmpeg
// on Debian). Frames come out as RGB8.
//
// A file that yields fewer frames than its container declares ends with the error
// "<path>: video ended after N of M frames (truncated or corrupt)" once the frames it did
// yield have been returned. A stream or camera whose frames stop ends with
// "<name>: stream stopped after N frames".
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "io/frame_source.h"

namespace posenet {

// "rtsp://", "http://", "https://", "rtmp://", "udp://", "tcp://" inputs are streams.
bool IsStreamUrl(const std::string& input);
// "http://" and "https://": a stream that may be a whole file.
bool IsHttpUrl(const std::string& input);

// FFmpeg and OpenCV print their own warnings on stderr (bad NAL units, missing atoms, a
// picture decoder's complaint); errors of ours are one line, so those are silenced unless
// $OPENCV_FFMPEG_LOGLEVEL is set. Called by the Open* functions, the video writer and the
// picture reader; idempotent.
void SilenceVideoLibraryLogs();

Result<std::unique_ptr<FrameSource>> OpenVideoFile(const std::string& path);
Result<std::unique_ptr<FrameSource>> OpenStream(const std::string& url);
Result<std::unique_ptr<FrameSource>> OpenCamera(int index);

}  // namespace posenet
