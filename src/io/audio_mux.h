// Copying the audio of a source video into a video we wrote (which OpenCV writes silent), by
// running the ffmpeg program: the video stream is copied untouched, the audio copied, or
// re-encoded to AAC when the MP4 container cannot hold it as is, and the MP4 index moved to
// the front so browsers can play it while downloading. The result replaces the video only
// when ffmpeg succeeds, so a failure leaves the silent video intact.
#pragma once

#include <string>

#include "base/status.h"

namespace posenet {

// The full path of `program` found in $PATH, or "" when it is not there.
std::string FindProgram(const std::string& program);

// Muxes the first `seconds` of `source`'s first audio stream (if it has one; none when
// `source` is empty) into `video` with the ffmpeg binary at `ffmpeg`; every video frame is
// kept, and an MP4's index moves to the front (faststart). Errors: "<video>: cannot copy
// audio: <reason>".
Status MuxAudio(const std::string& ffmpeg, const std::string& video, const std::string& source,
                double seconds);

}  // namespace posenet
