#include "pipeline/output_sinks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "render/annotations.h"

namespace posenet {

Status JsonlSink::Write(const FrameResult& r) {
  const JsonImageInfo image{r.frame.path.empty() ? input_ : r.frame.path, r.frame.image.width(),
                            r.frame.image.height()};
  return writer_->Write(r.frame.index, r.frame.timestamp_ms, r.poses, image, model_);
}

Status OpenPoseSink::Write(const FrameResult& r) {
  const std::string path =
      folder_ == "-" ? folder_ : OpenPoseFramePath(folder_, stem_, r.frame.index);
  return WriteOpenPoseFile(path, r.poses, layout_);
}

Status CocoSink::Finish() { return WriteTextFile(path_, CocoResultsJson(frames_)); }

namespace {

// Copies of one frame at most, whatever the gap: a source whose times jump by hours must not
// fill the disk.
constexpr int64_t kMaxRepeats = 120 * 60;

}  // namespace

DrawSink::DrawSink(std::string path, double fps, DrawOptions draw, VideoFileWriter::Codec codec,
                   bool caption)
    : path_(std::move(path)),
      fps_(std::isfinite(fps) && fps >= 1 && fps <= 120 ? fps : 25),
      draw_(draw),
      codec_(codec),
      caption_(caption) {}

int64_t DrawSink::Slot(double timestamp_ms) const {
  return std::llround((timestamp_ms - first_ms_) * fps_ / 1000.0);
}

void DrawSink::Draw(const FrameResult& r) {
  // Draw on a copy: the frame belongs to the result, which other sinks may still read.
  const Image& frame = r.frame.image;
  canvas_.Reset(frame.width(), frame.height());
  std::memcpy(canvas_.data(), frame.data(), frame.size_bytes());
  DrawPoses(canvas_, r.poses, draw_);
  DrawPoseLabels(canvas_, r.poses, draw_.threshold);
  if (overlay_) overlay_(canvas_);
  if (caption_) {
    char text[64];
    std::snprintf(text, sizeof(text), "inference %.1f ms (%.1f frames/s)", r.inference_ms,
                  r.inference_ms > 0 ? 1000.0 / r.inference_ms : 0.0);
    DrawLabel(canvas_, 0, 0, text, Rgb{0, 0, 0});  // white on black in the top-left corner
  }
}

Status DrawSink::OpenWriter(double next_ms) {
  const double interval = next_ms - first_ms_;
  if (interval > 0 && 1000.0 / interval > 1.2 * fps_) fps_ = std::min(120.0, 1000.0 / interval);
  POSENET_ASSIGN_OR_RETURN(
      writer_, VideoFileWriter::Open(path_, canvas_.width(), canvas_.height(), fps_, codec_));
  return WriteUpTo(0);
}

Status DrawSink::WriteUpTo(int64_t slot) {
  const int64_t target = std::min(slot + 1, writer_->frames_written() + kMaxRepeats);
  while (writer_->frames_written() < target) {
    POSENET_RETURN_IF_ERROR(writer_->Write(canvas_.view()));
  }
  return Status::Ok();
}

Status DrawSink::Write(const FrameResult& r) {
  const double t = r.frame.timestamp_ms;
  if (frames_++ == 0) {
    // Held until the second frame tells the output rate.
    first_ms_ = t;
    Draw(r);
    return Status::Ok();
  }
  if (!writer_) POSENET_RETURN_IF_ERROR(OpenWriter(t));
  // The slots before this frame show the previous one.
  POSENET_RETURN_IF_ERROR(WriteUpTo(Slot(t) - 1));
  Draw(r);
  return WriteUpTo(Slot(t));
}

Status DrawSink::Finish() {
  if (frames_ == 0) return Status::Ok();
  if (!writer_) POSENET_RETURN_IF_ERROR(OpenWriter(first_ms_));
  written_ = writer_->frames_written();
  Status s = writer_->Close();
  writer_.reset();
  return s;
}

}  // namespace posenet
