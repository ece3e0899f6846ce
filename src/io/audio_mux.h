// Copying the audio of a source video into a video we wrote (which is encoded silent), by
// running the ffmpeg program: the video stream is copied untouched, the audio copied, or
// re-encoded to AAC when the MP4 container cannot hold it as is. The result (a fragmented MP4,
// like the video) goes to an OutputFile beside the video and replaces it only when ffmpeg
// succeeds, so a failure leaves the silent video intact.
#pragma once

#include <string>

#include "base/status.h"
#include "io/child_process.h"

namespace posenet {

// Muxes the first `seconds` of `source`'s first audio stream (if it has one; nothing to do when
// `source` is empty) into `video`
// with the ffmpeg binary at `ffmpeg`; every video frame is kept. Errors: "<video>: cannot
// copy audio: <reason>".
Status MuxAudio(const std::string& ffmpeg, const std::string& video, const std::string& source,
                double seconds);

}  // namespace posenet
