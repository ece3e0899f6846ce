#include "io/capture_source.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "io/frame_times.h"

namespace posenet {
namespace {

enum class CaptureKind { kFile, kStream, kCamera };

class CaptureSource final : public FrameSource {
 public:
  CaptureSource(CaptureKind kind, SourceInfo info, std::unique_ptr<cv::VideoCapture> capture)
      : kind_(kind), info_(std::move(info)), capture_(std::move(capture)) {
    // Files: presentation times from the container, which OpenCV gets wrong for reordered
    // frames (frame_times.h).
    if (kind_ == CaptureKind::kFile) times_ = FrameTimes::Open(info_.name);
  }

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
    frame.timestamp_ms = Timestamp(now);
    frame.image.Reset(bgr_.cols, bgr_.rows);
    cv::Mat rgb(bgr_.rows, bgr_.cols, CV_8UC3, frame.image.data(), frame.image.stride());
    cv::cvtColor(bgr_, rgb, cv::COLOR_BGR2RGB);
    return true;
  }

 private:
  // Files and streams: the frame's presentation time in the container, so variable frame
  // rates keep their real times (files: FrameTimes; streams: FFmpeg's through OpenCV).
  // Cameras, or a time that is missing or does not increase: the time since the first frame
  // on this machine's clock (a file without usable times: the previous time plus one frame at
  // the declared rate).
  double Timestamp(std::chrono::steady_clock::time_point now) {
    const double wall = std::chrono::duration<double, std::milli>(now - start_).count();
    double t = kind_ == CaptureKind::kCamera ? wall
               : times_                      ? times_->Next()
                                             : capture_->get(cv::CAP_PROP_POS_MSEC);
    const bool first = next_index_ == 1;
    if (!std::isfinite(t) || (!first && t <= last_ms_) || (first && t < 0)) {
      const double step = info_.fps > 0 ? 1000.0 / info_.fps : 1.0;
      t = first ? 0 : kind_ == CaptureKind::kFile ? last_ms_ + step : std::max(wall, last_ms_ + 1);
    }
    if (first) first_ms_ = t;
    last_ms_ = t;
    return t - first_ms_;
  }

  Result<bool> EndOfFrames() const {
    const int64_t got = next_index_;
    // A URL serving a whole file (HTTP) ends like a file; a live stream never should.
    const bool complete = info_.declared_frames > 0 && got + 1 >= info_.declared_frames;
    if (kind_ == CaptureKind::kStream && complete) return false;
    if (kind_ == CaptureKind::kStream && got == 0 && IsHttpUrl(info_.name) &&
        info_.declared_frames > 0) {
      // The container's header was read but not one frame: FFmpeg could not go back from the
      // index to the frames, which an MP4 with its index (moov) at the end needs.
      return Status::Error(info_.name +
                           ": cannot read stream: its frames cannot be reached, probably an MP4 "
                           "with its index at the end on a server that does not allow seeking "
                           "(HTTP Range); serve it from one that does, or move the index to the "
                           "front with 'ffmpeg -i IN -c copy -movflags +faststart OUT'");
    }
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
  double first_ms_ = 0, last_ms_ = 0;
  std::unique_ptr<FrameTimes> times_;
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
  if (kind != CaptureKind::kCamera) {
    const double count = capture->get(cv::CAP_PROP_FRAME_COUNT);
    info.declared_frames = std::isfinite(count) && count > 0 ? static_cast<int64_t>(count) : -1;
  }
  // Live: frames keep coming at their own pace. A camera, a streaming protocol, or HTTP
  // without a known length; a file served over HTTP (its container declares its frames) is
  // read whole, like a file.
  info.live = kind == CaptureKind::kCamera ||
              (kind == CaptureKind::kStream && !(IsHttpUrl(name) && info.declared_frames > 0));
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

bool IsHttpUrl(const std::string& input) {
  return input.rfind("http://", 0) == 0 || input.rfind("https://", 0) == 0;
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
