#include "io/capture_source.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

namespace posenet {
namespace {

enum class CaptureKind { kFile, kStream, kCamera };

class CaptureSource final : public FrameSource {
 public:
  CaptureSource(CaptureKind kind, SourceInfo info, std::unique_ptr<cv::VideoCapture> capture)
      : kind_(kind), info_(std::move(info)), capture_(std::move(capture)) {}

  const SourceInfo& info() const override { return info_; }

  Result<bool> Next(VideoFrame& frame) override {
    if (finished_) return false;
    if (!capture_->read(bgr_) || bgr_.empty()) {
      finished_ = true;
      return EndOfFrames();
    }
    if (bgr_.type() != CV_8UC3) {
      return Status::Error(info_.name + ": cannot read video: unsupported pixel format");
    }
    const auto now = std::chrono::steady_clock::now();
    if (next_index_ == 0) start_ = now;
    frame.index = next_index_++;
    frame.path.clear();
    if (kind_ == CaptureKind::kFile && info_.fps > 0) {
      frame.timestamp_ms = static_cast<double>(frame.index) * 1000.0 / info_.fps;
    } else {
      frame.timestamp_ms = std::chrono::duration<double, std::milli>(now - start_).count();
    }
    frame.image.Reset(bgr_.cols, bgr_.rows);
    cv::Mat rgb(bgr_.rows, bgr_.cols, CV_8UC3, frame.image.data(), frame.image.stride());
    cv::cvtColor(bgr_, rgb, cv::COLOR_BGR2RGB);
    return true;
  }

 private:
  Result<bool> EndOfFrames() const {
    const int64_t got = next_index_;
    // A URL serving a whole file (HTTP) ends like a file; a live stream never should.
    const bool complete = info_.declared_frames > 0 && got + 1 >= info_.declared_frames;
    if (kind_ == CaptureKind::kStream && complete) return false;
    if (kind_ != CaptureKind::kFile) {
      return Status::Error(info_.name + ": stream stopped after " + std::to_string(got) +
                           " frames");
    }
    if (got == 0) return Status::Error(info_.name + ": cannot read video: no frame decodes");
    // Containers that only estimate their frame count may be off by one; more is a loss.
    if (info_.declared_frames > 0 && got + 1 < info_.declared_frames) {
      return Status::Error(info_.name + ": video ended after " + std::to_string(got) + " of " +
                           std::to_string(info_.declared_frames) +
                           " frames (truncated or corrupt)");
    }
    return false;
  }

  CaptureKind kind_;
  SourceInfo info_;
  std::unique_ptr<cv::VideoCapture> capture_;
  cv::Mat bgr_;
  int64_t next_index_ = 0;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_;
};

Result<std::unique_ptr<FrameSource>> Open(CaptureKind kind, const std::string& name,
                                          std::unique_ptr<cv::VideoCapture> capture) {
  if (!capture->isOpened()) {
    const char* what = kind == CaptureKind::kCamera ? "cannot open camera: V4L2 refused it"
                       : kind == CaptureKind::kStream
                           ? "cannot open stream: unreachable or not a video FFmpeg reads"
                           : "cannot open video: not a video FFmpeg reads";
    return Status::Error(name + ": " + what);
  }
  SourceInfo info;
  info.name = name;
  info.width = static_cast<int>(capture->get(cv::CAP_PROP_FRAME_WIDTH));
  info.height = static_cast<int>(capture->get(cv::CAP_PROP_FRAME_HEIGHT));
  const double fps = capture->get(cv::CAP_PROP_FPS);
  info.fps = std::isfinite(fps) && fps > 0 && fps < 1000 ? fps : 0;
  info.live = kind != CaptureKind::kFile;
  if (kind != CaptureKind::kCamera) {
    const double count = capture->get(cv::CAP_PROP_FRAME_COUNT);
    info.declared_frames = std::isfinite(count) && count > 0 ? static_cast<int64_t>(count) : -1;
  }
  return std::unique_ptr<FrameSource>(
      std::make_unique<CaptureSource>(kind, std::move(info), std::move(capture)));
}

}  // namespace

void SilenceVideoLibraryLogs() {
  static std::once_flag once;
  std::call_once(once, [] {
    ::setenv("OPENCV_FFMPEG_LOGLEVEL", "-8", 0);  // AV_LOG_QUIET; read when FFmpeg loads
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
  });
}

bool IsStreamUrl(const std::string& input) {
  for (const char* scheme :
       {"rtsp://", "rtsps://", "http://", "https://", "rtmp://", "udp://", "tcp://", "srt://"}) {
    if (input.rfind(scheme, 0) == 0) return true;
  }
  return false;
}

Result<std::unique_ptr<FrameSource>> OpenVideoFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::Error(
        path + ": cannot open video: " +
        (std::filesystem::exists(path, ec) ? "not a regular file" : "no such file"));
  }
  SilenceVideoLibraryLogs();
  auto capture = std::make_unique<cv::VideoCapture>(path, cv::CAP_FFMPEG);
  return Open(CaptureKind::kFile, path, std::move(capture));
}

Result<std::unique_ptr<FrameSource>> OpenStream(const std::string& url) {
  SilenceVideoLibraryLogs();
  auto capture = std::make_unique<cv::VideoCapture>(url, cv::CAP_FFMPEG);
  return Open(CaptureKind::kStream, url, std::move(capture));
}

Result<std::unique_ptr<FrameSource>> OpenCamera(int index) {
  const std::string name = "camera " + std::to_string(index);
  std::error_code ec;
  if (index < 0 || !std::filesystem::exists("/dev/video" + std::to_string(index), ec)) {
    return Status::Error(name + ": cannot open camera: no /dev/video" + std::to_string(index));
  }
  SilenceVideoLibraryLogs();
  auto capture = std::make_unique<cv::VideoCapture>(index, cv::CAP_V4L2);
  return Open(CaptureKind::kCamera, name, std::move(capture));
}

}  // namespace posenet
