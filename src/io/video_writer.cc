#include "io/video_writer.h"

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <vector>

#include "io/capture_source.h"

namespace posenet {

Result<std::unique_ptr<VideoFileWriter>> VideoFileWriter::Open(const std::string& path, int width,
                                                               int height, double fps,
                                                               Codec codec) {
  if (width <= 0 || height <= 0) {
    return Status::Error(path + ": cannot write video: empty frame size");
  }
  SilenceVideoLibraryLogs();
  if (!std::isfinite(fps) || fps <= 0) fps = 25;  // unknown rate (live sources): a common one
  // MPEG-4 part 2 is the fallback every FFmpeg build can encode.
  std::vector<const char*> fourccs = {"mp4v"};
  if (codec == Codec::kH264) fourccs.insert(fourccs.begin(), "avc1");
  for (const char* name : fourccs) {
    auto writer = std::make_unique<cv::VideoWriter>();
    const int fourcc = cv::VideoWriter::fourcc(name[0], name[1], name[2], name[3]);
    if (writer->open(path, cv::CAP_FFMPEG, fourcc, fps, cv::Size(width, height), true) &&
        writer->isOpened()) {
      return std::unique_ptr<VideoFileWriter>(
          new VideoFileWriter(path, std::move(writer), width, height, name));
    }
  }
  return Status::Error(path + ": cannot write video: no encoder accepted it");
}

VideoFileWriter::VideoFileWriter(std::string path, std::unique_ptr<cv::VideoWriter> writer,
                                 int width, int height, std::string codec)
    : path_(std::move(path)),
      writer_(std::move(writer)),
      width_(width),
      height_(height),
      codec_(std::move(codec)) {}

VideoFileWriter::~VideoFileWriter() { (void)Close(); }

Status VideoFileWriter::Write(const ImageView& rgb) {
  if (!writer_) return Status::Error(path_ + ": cannot write video: closed");
  if (rgb.width != width_ || rgb.height != height_) {
    return Status::Error(path_ + ": cannot write video: frame size changed");
  }
  const cv::Mat view(rgb.height, rgb.width, CV_8UC3, const_cast<uint8_t*>(rgb.data), rgb.stride);
  cv::Mat bgr;
  cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
  writer_->write(bgr);
  ++frames_;
  return Status::Ok();
}

Status VideoFileWriter::Close() {
  if (!writer_) return Status::Ok();
  writer_->release();  // writes the trailer / MP4 index
  writer_.reset();
  return Status::Ok();
}

}  // namespace posenet
