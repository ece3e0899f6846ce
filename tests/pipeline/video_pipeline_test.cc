// The pipeline on a synthetic source with the small Coral model: every frame in order, errors
// of the source, the estimator and the sinks reported after what was done is written, sinks
// always finished.
#include "pipeline/video_pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "io/image_file.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::SharedPath;

// `count` copies of one picture, then the end or an error.
class RepeatSource final : public FrameSource {
 public:
  RepeatSource(Image picture, int count, bool fail_at_end, int tiny_at = -1)
      : picture_(std::move(picture)), count_(count), fail_(fail_at_end), tiny_at_(tiny_at) {
    info_.name = "repeat";
    info_.width = picture_.width();
    info_.height = picture_.height();
    info_.fps = 10;
    info_.declared_frames = count;
  }
  const SourceInfo& info() const override { return info_; }
  Result<bool> Next(VideoFrame& frame) override {
    if (next_ == count_) {
      if (fail_) return Status::Error("repeat: video ended after " + std::to_string(count_));
      return false;
    }
    frame.index = next_;
    frame.timestamp_ms = 100.0 * next_;
    if (next_ == tiny_at_) {
      frame.image = Image(4, 4);  // too small to estimate: an estimator error
    } else {
      frame.image = picture_;
    }
    ++next_;
    return true;
  }

 private:
  SourceInfo info_;
  Image picture_;
  int count_;
  bool fail_;
  int tiny_at_;
  int next_ = 0;
};

class RecordingSink final : public FrameSink {
 public:
  explicit RecordingSink(int fail_at = -1) : fail_at_(fail_at) {}
  Status Write(const FrameResult& r) override {
    if (static_cast<int>(indices.size()) == fail_at_) return Status::Error("out: disk full");
    indices.push_back(r.frame.index);
    poses.push_back(r.poses);
    return Status::Ok();
  }
  Status Finish() override {
    ++finished;
    return Status::Ok();
  }
  std::vector<int64_t> indices;
  std::vector<std::vector<Pose>> poses;
  int finished = 0;

 private:
  int fail_at_;
};

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto model = Model::Load(
        SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite"));
    ASSERT_TRUE(model.ok()) << model.message();
    model_ = *model;
    auto estimator = Estimator::Create(model_, {});
    ASSERT_TRUE(estimator.ok()) << estimator.message();
    estimator_ = std::move(estimator).value();
    auto picture = ReadPicture(SharedPath("data/images/test_couple.jpg"));
    ASSERT_TRUE(picture.ok()) << picture.message();
    picture_ = std::move(picture).value();
  }
  std::shared_ptr<const Model> model_;
  std::unique_ptr<Estimator> estimator_;
  Image picture_;
};

TEST_F(PipelineTest, EveryFrameInOrderWithStableIds) {
  RepeatSource source(picture_, 5, false);
  RecordingSink a, b;
  PipelineOptions options;
  options.queue_capacity = 2;
  options.keep_tracks_for_stats = true;
  const PipelineReport r = RunPipeline(source, *estimator_, {&a, &b}, options);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.frames_read, 5);
  EXPECT_EQ(r.frames_done, 5);
  EXPECT_EQ(r.frames_dropped, 0);
  EXPECT_EQ(a.indices, (std::vector<int64_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(b.indices, a.indices);
  EXPECT_EQ(a.finished, 1);
  ASSERT_EQ(r.inference_ms.count(), 5);
  ASSERT_EQ(r.stage_ms.count(), 5);
  // The same detections every frame: the raw tracks stand still (frames 1-3 have both
  // neighbours), and the smoothed ones are measured on the same keypoints.
  EXPECT_GT(r.jitter_unsmoothed.samples, 0);
  EXPECT_EQ(r.jitter_unsmoothed.mean_acceleration_px, 0.0);
  EXPECT_EQ(r.jitter_smoothed.samples, r.jitter_unsmoothed.samples);
  // The same picture every frame: the same people, so ids are handed out once.
  ASSERT_FALSE(a.poses[0].empty());
  EXPECT_EQ(r.ids_seen, static_cast<int>(a.poses[0].size()));
  for (const auto& frame : a.poses) {
    ASSERT_EQ(frame.size(), a.poses[0].size());
    for (size_t i = 0; i < frame.size(); ++i) EXPECT_EQ(frame[i].id, a.poses[0][i].id);
  }
}

TEST_F(PipelineTest, MaxFramesStopsReading) {
  RepeatSource source(picture_, 6, true);  // would fail at its end: never reached
  RecordingSink sink;
  PipelineOptions options;
  options.max_frames = 2;
  const PipelineReport r = RunPipeline(source, *estimator_, {&sink}, options);
  EXPECT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(sink.indices, (std::vector<int64_t>{0, 1}));
}

TEST_F(PipelineTest, SourceErrorComesAfterTheFramesItGave) {
  RepeatSource source(picture_, 3, true);
  RecordingSink sink;
  const PipelineReport r = RunPipeline(source, *estimator_, {&sink}, {});
  EXPECT_EQ(r.status.message(), "repeat: video ended after 3");
  EXPECT_EQ(sink.indices, (std::vector<int64_t>{0, 1, 2}));
  EXPECT_EQ(sink.finished, 1);
}

TEST_F(PipelineTest, EstimatorErrorNamesTheFrameAndStops) {
  RepeatSource source(picture_, 50, false, /*tiny_at=*/2);
  RecordingSink sink;
  const PipelineReport r = RunPipeline(source, *estimator_, {&sink}, {});
  ASSERT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.message().rfind("repeat frame 2: ", 0), 0u) << r.status.message();
  EXPECT_EQ(sink.indices, (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(sink.finished, 1);
  EXPECT_LT(r.frames_read, 50);
}

TEST_F(PipelineTest, SinkErrorStopsEveryStage) {
  RepeatSource source(picture_, 50, false);
  RecordingSink good, bad(/*fail_at=*/1);
  const PipelineReport r = RunPipeline(source, *estimator_, {&bad, &good}, {});
  EXPECT_EQ(r.status.message(), "out: disk full");
  EXPECT_EQ(bad.indices, (std::vector<int64_t>{0}));
  EXPECT_EQ(r.frames_done, 1);
  EXPECT_EQ(good.finished, 1);
  EXPECT_EQ(bad.finished, 1);
  EXPECT_LT(r.frames_read, 50);
}

TEST_F(PipelineTest, DropOldestNeverReordersAndAccountsForEveryFrame) {
  RepeatSource source(picture_, 12, false);
  RecordingSink sink;
  PipelineOptions options;
  options.drop_oldest = true;
  options.queue_capacity = 1;
  const PipelineReport r = RunPipeline(source, *estimator_, {&sink}, options);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.frames_read, 12);
  EXPECT_EQ(r.frames_done + r.frames_dropped, 12);
  ASSERT_FALSE(sink.indices.empty());
  EXPECT_EQ(sink.indices.back(), 11);  // the newest frame is never dropped
  for (size_t i = 1; i < sink.indices.size(); ++i) {
    EXPECT_LT(sink.indices[i - 1], sink.indices[i]);
  }
}

}  // namespace
}  // namespace posenet

namespace posenet {
namespace {

// The Estimator's stages, counted: how often the pipeline resizes (Prepare) and maps back
// (Estimate on a prepared input), and on which threads.
class CountingStages final : public PoseStages {
 public:
  explicit CountingStages(Estimator& e) : inner_(e) {}
  Result<PreparedInput> Prepare(const RgbView& frame) const override {
    ++prepared;
    prepare_thread = std::this_thread::get_id();
    return inner_.Prepare(frame);
  }
  Result<std::vector<Pose>> Estimate(const PreparedInput& input) override {
    ++estimated;
    estimate_thread = std::this_thread::get_id();
    return inner_.Estimate(input);
  }
  double last_inference_ms() const override { return inner_.last_inference_ms(); }
  mutable std::atomic<int> prepared{0};
  std::atomic<int> estimated{0};
  mutable std::thread::id prepare_thread;
  std::thread::id estimate_thread;

 private:
  EstimatorStages inner_;
};

// Each frame is prepared (resized) once on the preprocess thread and estimated (mapped back)
// once on the inference thread, and the poses equal Estimate on the whole frame.
class StagedEquivalence : public PipelineTest, public ::testing::WithParamInterface<int> {};

TEST_P(StagedEquivalence, EachFrameResizedOnceAndMappedBackOnce) {
  EstimatorOptions user;
  user.pad_to_aspect = GetParam() & 1;
  user.nearest = GetParam() & 2;
  user.flip_horizontal = GetParam() & 4;
  auto model =
      Model::Load(SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite"));
  ASSERT_TRUE(model.ok());
  auto whole = Estimator::Create(*model, user);
  ASSERT_TRUE(whole.ok());
  auto expected = (*whole)->Estimate(
      RgbView{picture_.data(), picture_.width(), picture_.height(), picture_.stride()});
  ASSERT_TRUE(expected.ok());
  ASSERT_FALSE(expected->empty());

  auto staged = Estimator::Create(*model, user);
  ASSERT_TRUE(staged.ok());
  CountingStages stages(**staged);
  RepeatSource source(picture_, 3, false);
  RecordingSink sink;
  PipelineOptions options;
  options.track = false;
  const PipelineReport r = RunPipeline(source, stages, {&sink}, options);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(stages.prepared, 3);
  EXPECT_EQ(stages.estimated, 3);
  EXPECT_NE(stages.prepare_thread, stages.estimate_thread);
  EXPECT_EQ(stages.estimate_thread, std::this_thread::get_id());
  ASSERT_EQ(sink.poses.size(), 3u);
  for (const auto& got : sink.poses) {
    ASSERT_EQ(got.size(), expected->size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_FLOAT_EQ(got[i].score, (*expected)[i].score);
      for (int k = 0; k < kNumKeypoints; ++k) {
        EXPECT_FLOAT_EQ(got[i].keypoints[k].x, (*expected)[i].keypoints[k].x);
        EXPECT_FLOAT_EQ(got[i].keypoints[k].y, (*expected)[i].keypoints[k].y);
        EXPECT_FLOAT_EQ(got[i].keypoints[k].score, (*expected)[i].keypoints[k].score);
      }
      EXPECT_FLOAT_EQ(got[i].box.x0, (*expected)[i].box.x0);
      EXPECT_FLOAT_EQ(got[i].box.y1, (*expected)[i].box.y1);
    }
  }
}

TEST_F(PipelineTest, AnInputPreparedForAnotherSizeIsRefused) {
  const RgbView view{picture_.data(), picture_.width(), picture_.height(), picture_.stride()};
  auto prepared = estimator_->Prepare(view);
  ASSERT_TRUE(prepared.ok()) << prepared.message();
  EXPECT_EQ(prepared->picture_width(), picture_.width());
  EXPECT_EQ(prepared->tensor().size(), size_t{353} * 481 * 3);
  EstimatorOptions other;
  other.session.input_height = 257;
  other.session.input_width = 353;
  auto small = Estimator::Create(model_, other);
  ASSERT_TRUE(small.ok()) << small.message();
  const auto r = (*small)->Estimate(*prepared);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), "cannot estimate poses: the input was prepared for another model size");
  EXPECT_TRUE(estimator_->Estimate(*prepared).ok());
  // An input never prepared holds nothing and is refused too.
  EXPECT_FALSE(estimator_->Estimate(PreparedInput{}).ok());
}

// bit 0: pad, bit 1: nearest, bit 2: flip.
INSTANTIATE_TEST_SUITE_P(ResizeModes, StagedEquivalence, ::testing::Values(0, 1, 2, 3, 5));

}  // namespace
}  // namespace posenet
