// The sinks `posenet video` writes to: JSON Lines, CSV, OpenPose files per frame, COCO
// results, and the video with skeletons drawn in a colour per track id.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "draw/skeleton_drawer.h"
#include "io/coco_writer.h"
#include "io/csv_writer.h"
#include "io/json_writer.h"
#include "io/jsonl_writer.h"
#include "io/openpose_writer.h"
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
  // Files <folder>/<stem>_<frame>_keypoints.json (the folder must exist); folder "-": one
  // document per line on stdout.
  OpenPoseSink(std::string folder, std::string stem, OpenPoseLayout layout)
      : folder_(std::move(folder)), stem_(std::move(stem)), layout_(layout) {}
  Status Write(const FrameResult& r) override;
  Status Finish() override { return Status::Ok(); }

 private:
  std::string folder_, stem_;
  OpenPoseLayout layout_;
};

// COCO keypoint results, image_id = frame index, written when the run finishes.
class CocoSink final : public FrameSink {
 public:
  explicit CocoSink(std::string path) : path_(std::move(path)) {}
  Status Write(const FrameResult& r) override {
    if (!r.poses.empty()) frames_.push_back({r.frame.index, r.poses});
    return Status::Ok();
  }
  Status Finish() override;

 private:
  std::string path_;
  std::vector<CocoImagePoses> frames_;
};

// Draws the poses on each frame and encodes it; the video opens at the first frame's size.
// The video keeps the source's timing: each frame goes to the slot of its timestamp at a
// constant output rate, the slots between two frames repeat the earlier one (variable frame
// rates, frames dropped in latency-low mode), and a frame whose slot is already taken is left
// out. The output rate is the source's declared one (1-120 frames/s, else 25), or the rate of
// the first two frames when that is more than 1.2 times higher (a variable-rate file declares
// its average). A constant-rate source comes out frame for frame; the last frame lasts one
// slot.
class DrawSink final : public FrameSink {
 public:
  DrawSink(std::string path, double fps, DrawOptions draw,
           VideoFileWriter::Codec codec = VideoFileWriter::Codec::kH264, bool caption = false);
  Status Write(const FrameResult& r) override;
  Status Finish() override;
  int64_t frames_written() const { return writer_ ? writer_->frames_written() : written_; }
  // The output rate (known once the second frame arrived, or at Finish).
  double fps() const { return fps_; }
  // Drawn over each frame after the skeletons (the live analysis readings).
  void SetOverlay(std::function<void(Image&)> overlay) { overlay_ = std::move(overlay); }

 private:
  Status OpenWriter(double next_ms);
  // Writes `canvas_` into the slots up to and including `slot`; none if that slot is taken.
  Status WriteUpTo(int64_t slot);
  int64_t Slot(double timestamp_ms) const;
  void Draw(const FrameResult& r);

  std::function<void(Image&)> overlay_;
  std::string path_;
  double fps_;
  DrawOptions draw_;
  VideoFileWriter::Codec codec_;
  bool caption_;
  std::unique_ptr<VideoFileWriter> writer_;
  Image canvas_;  // the last drawn frame
  int64_t written_ = 0;
  int64_t frames_ = 0;
  double first_ms_ = 0;
};

}  // namespace posenet
