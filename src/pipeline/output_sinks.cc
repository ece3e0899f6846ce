#include "pipeline/output_sinks.h"

#include <cstring>

#include "io/openpose_writer.h"

namespace posenet {

Status JsonlSink::Write(const FrameResult& r) {
  const JsonImageInfo image{r.frame.path.empty() ? input_ : r.frame.path, r.frame.image.width(),
                            r.frame.image.height()};
  return writer_->Write(r.frame.index, r.frame.timestamp_ms, r.poses, image, model_);
}

Status OpenPoseSink::Write(const FrameResult& r) {
  return WriteOpenPoseFrame(folder_, stem_, r.frame.index, r.poses);
}

Status DrawSink::Write(const FrameResult& r) {
  const Image& frame = r.frame.image;
  if (!writer_) {
    POSENET_ASSIGN_OR_RETURN(
        writer_, VideoFileWriter::Open(path_, frame.width(), frame.height(), fps_, codec_));
  }
  // Draw on a copy: the frame belongs to the result, which other sinks may still read.
  canvas_.Reset(frame.width(), frame.height());
  std::memcpy(canvas_.data(), frame.data(), frame.size_bytes());
  DrawPoses(canvas_, r.poses, draw_);
  if (overlay_) overlay_(canvas_);
  return writer_->Write(canvas_.view());
}

Status DrawSink::Finish() {
  if (!writer_) return Status::Ok();
  written_ = writer_->frames_written();
  Status s = writer_->Close();
  writer_.reset();
  return s;
}

}  // namespace posenet
