// Writing RGB frames to a video file at a fixed size and frame rate, as MPEG-4 part 2 (fast:
// ~6 ms a 720p frame) or H.264 (plays in browsers, ~10x slower to encode; MPEG-4 when the
// FFmpeg build has no H.264 encoder). Frames are encoded by the ffmpeg program, fed raw through
// a socket, into a fragmented MP4 (an index up front, then one self-contained fragment per
// second of video): whatever happens to this process (an error, SIGKILL, a power cut) the
// file plays up to its last complete fragment, and ffmpeg, left alone, finishes the frames it
// was given. The file is an OutputFile (base/output_file.h): never a device, FIFO, link or
// input, created under a temporary name and published at the first frame. A failure (a full
// disk) is an error; the file is then cut back to its last complete fragment (removed when it
// has none).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/output_file.h"
#include "base/status.h"
#include "image/image.h"
#include "io/child_process.h"

namespace posenet {

class VideoFileWriter {
 public:
  // Errors: "<path>: cannot write video: <reason>".
  enum class Codec { kMpeg4, kH264 };
  static Result<std::unique_ptr<VideoFileWriter>> Open(const std::string& path, int width,
                                                       int height, double fps,
                                                       Codec codec = Codec::kMpeg4);
  ~VideoFileWriter();
  VideoFileWriter(const VideoFileWriter&) = delete;
  VideoFileWriter& operator=(const VideoFileWriter&) = delete;

  // The frame must have the size given to Open.
  Status Write(const ImageView& rgb);
  // Waits for the encoder to finish the file; reports its failure, if any.
  Status Close();
  int64_t frames_written() const { return frames_; }
  const std::string& codec() const { return codec_; }  // "mpeg4" or "h264"

 private:
  VideoFileWriter(std::unique_ptr<OutputFile> file, std::unique_ptr<ChildProcess> encoder,
                  int width, int height, std::string codec);
  // The encoder's failure as this file's error; the file cut back to what plays.
  Status Fail();
  std::unique_ptr<OutputFile> file_;
  std::unique_ptr<ChildProcess> encoder_;
  int width_, height_;
  std::string codec_;
  int64_t frames_ = 0;
  Status failed_;
};

}  // namespace posenet
