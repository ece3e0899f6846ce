// The sinks `posenet video` writes to: JSON Lines, CSV, OpenPose files per frame, and the
// video with skeletons drawn in a colour per track id.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "draw/skeleton_drawer.h"
#include "io/csv_writer.h"
#include "io/json_writer.h"
#include "io/jsonl_writer.h"
#include "io/video_writer.h"
#include "pipeline/frame_sink.h"

namespace posenet {

class JsonlSink final : public FrameSink {
 public:
  // `input` names the source in every line's "image.path".
  JsonlSink(std::unique_ptr<JsonlWriter> writer, std::string input, JsonModelInfo model)
      : writer_(std::move(writer)), input_(std::move(input)), model_(std::move(model)) {}
  Status Write(const FrameResult& r) override;
  Status Finish() override { return writer_->Close(); }

 private:
  std::unique_ptr<JsonlWriter> writer_;
  std::string input_;
  JsonModelInfo model_;
};

class CsvSink final : public FrameSink {
 public:
  explicit CsvSink(std::unique_ptr<CsvWriter> writer) : writer_(std::move(writer)) {}
  Status Write(const FrameResult& r) override {
    return writer_->Write(r.frame.index, r.frame.timestamp_ms, r.poses);
  }
  Status Finish() override { return writer_->Close(); }

 private:
  std::unique_ptr<CsvWriter> writer_;
};

class OpenPoseSink final : public FrameSink {
 public:
  // Files <folder>/<stem>_<frame>_keypoints.json; the folder must exist.
  OpenPoseSink(std::string folder, std::string stem)
      : folder_(std::move(folder)), stem_(std::move(stem)) {}
  Status Write(const FrameResult& r) override;
  Status Finish() override { return Status::Ok(); }

 private:
  std::string folder_, stem_;
};

// Draws the poses on each frame and encodes it; the video opens at the first frame's size.
class DrawSink final : public FrameSink {
 public:
  DrawSink(std::string path, double fps, DrawOptions draw,
           VideoFileWriter::Codec codec = VideoFileWriter::Codec::kMpeg4)
      : path_(std::move(path)), fps_(fps), draw_(draw), codec_(codec) {}
  Status Write(const FrameResult& r) override;
  Status Finish() override;
  int64_t frames_written() const { return writer_ ? writer_->frames_written() : written_; }
  // Drawn over each frame after the skeletons (the live analysis readings).
  void SetOverlay(std::function<void(Image&)> overlay) { overlay_ = std::move(overlay); }

 private:
  std::function<void(Image&)> overlay_;
  std::string path_;
  double fps_;
  DrawOptions draw_;
  VideoFileWriter::Codec codec_;
  std::unique_ptr<VideoFileWriter> writer_;
  Image canvas_;
  int64_t written_ = 0;
};

}  // namespace posenet
