// Writing RGB frames to a video file (OpenCV's FFmpeg backend) at a fixed size and frame
// rate, as H.264 (plays in browsers; x264's default preset, ~10 ms a 514x496 frame; falls back
// to MPEG-4 when the FFmpeg build has no H.264 encoder) or MPEG-4 part 2 (~1 ms). Close()
// finalizes the container (the MP4 index), so a run that stops early still leaves a
// playable file of the frames written so far.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "image/image.h"

namespace cv {
class VideoWriter;
}

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
  Status Close();
  int64_t frames_written() const { return frames_; }
  const std::string& codec() const { return codec_; }

 private:
  VideoFileWriter(std::string path, std::unique_ptr<cv::VideoWriter> writer, int width, int height,
                  std::string codec);
  std::string path_;
  std::unique_ptr<cv::VideoWriter> writer_;
  int width_, height_;
  std::string codec_;
  int64_t frames_ = 0;
};

}  // namespace posenet
