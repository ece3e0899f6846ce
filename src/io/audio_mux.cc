#include "io/audio_mux.h"

#include <memory>
#include <string>

#include "base/output_file.h"

namespace posenet {

Status MuxAudio(const std::string& ffmpeg, const std::string& video, const std::string& source,
                double seconds) {
  // No audio to add: the video is already a fragmented MP4 with its index in front, which
  // browsers play while it downloads.
  if (source.empty()) return Status::Ok();
  ChildExit last;
  for (const char* audio_codec : {"copy", "aac"}) {
    auto out = OutputFile::Create(video, "video");
    if (!out.ok()) return Status::Error(video + ": cannot copy audio: " + out.message());
    // -t before the second -i limits the audio read, never the video.
    last = RunChild({ffmpeg,      "-hide_banner", "-nostdin",
                     "-v",        "error",        "-i",
                     video,       "-t",           std::to_string(seconds),
                     "-i",        source,         "-map",
                     "0:v:0",     "-map",         "1:a:0?",
                     "-c:v",      "copy",         "-c:a",
                     audio_codec, "-movflags",    "+frag_keyframe+empty_moov+default_base_moof",
                     "-f",        "mp4",          "pipe:3"},
                    (*out)->fd());
    if (last.exit_code != 0) continue;  // the temporary file goes with `out`
    if (Status s = (*out)->Publish(); !s.ok()) {
      return Status::Error(video + ": cannot copy audio: " + s.message());
    }
    return (*out)->Close();
  }
  // A full disk reads as every other writer says it, so the caller can tell it from a codec
  // ffmpeg cannot copy.
  if (last.last_error_line.find("No space left on device") != std::string::npos) {
    return Status::Error(video + ": cannot copy audio: no space left on device");
  }
  return Status::Error(video + ": cannot copy audio: ffmpeg failed" +
                       (last.last_error_line.empty() ? "" : ": " + last.last_error_line));
}

}  // namespace posenet
