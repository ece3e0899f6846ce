#include "pipeline/video_pipeline.h"

#include <pthread.h>
#include <sched.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <thread>

#include "pipeline/bounded_queue.h"

namespace posenet {
namespace {

using Clock = std::chrono::steady_clock;

// The first error of any stage; later ones are consequences and are dropped.
class FirstError {
 public:
  void Set(const Status& s) {
    std::lock_guard lock(mutex_);
    if (first_.ok()) first_ = s;
  }
  Status Get() const {
    std::lock_guard lock(mutex_);
    return first_;
  }

 private:
  mutable std::mutex mutex_;
  Status first_;
};

void ReadStage(FrameSource& source, const PipelineOptions& options, BoundedQueue<VideoFrame>& out,
               FirstError& error, int64_t& frames_read) {
  while (options.max_frames < 0 || frames_read < options.max_frames) {
    if (options.stop != nullptr && options.stop->load()) break;
    VideoFrame frame;
    Result<bool> got = source.Next(frame);
    if (!got.ok()) {
      error.Set(got.status());
      break;
    }
    if (!*got) break;
    frame.arrival = Clock::now();
    ++frames_read;
    if (!out.Push(std::move(frame))) break;  // a later stage failed
  }
  out.Close();
}

// The stages around inference yield to it when the CPUs are busy: inference is the
// bottleneck, and the queues absorb the other stages' delays. SCHED_BATCH keeps a helper
// thread woken by a queue from preempting the inference thread (measured: ~1 ms a frame on a
// loaded machine otherwise). Linux applies it per thread; failure only loses the preference.
// Not for live sources: there a frame's latency is what counts, and a batch thread's delayed
// wake-ups added ~2-3 ms to each frame's way to its message (docs/live.md).
void YieldToInference() {
  sched_param param{};
  (void)::pthread_setschedparam(::pthread_self(), SCHED_BATCH, &param);
}

// A frame with its model input, made by the preprocess stage.
struct PreparedFrame {
  VideoFrame frame;
  PreparedInput input;
};

std::string FrameName(const FrameSource& source, const VideoFrame& frame) {
  return frame.path.empty() ? source.info().name + " frame " + std::to_string(frame.index)
                            : frame.path;
}

void PreprocessStage(const FrameSource& source, const PoseStages& stages,
                     BoundedQueue<VideoFrame>& in, BoundedQueue<PreparedFrame>& out,
                     FirstError& error) {
  while (std::optional<VideoFrame> frame = in.Pop()) {
    const Image& image = frame->image;
    Result<PreparedInput> input =
        stages.Prepare(RgbView{image.data(), image.width(), image.height(), image.stride()});
    if (!input.ok()) {
      error.Set(input.status().Wrap(FrameName(source, *frame)));
      break;
    }
    PreparedFrame prepared{std::move(*frame), std::move(input).value()};
    if (!out.Push(std::move(prepared))) break;
  }
  in.Close();
  out.Close();
}

}  // namespace

PipelineReport RunPipeline(FrameSource& source, Estimator& estimator,
                           const std::vector<FrameSink*>& sinks, const PipelineOptions& options) {
  EstimatorStages stages(estimator);
  return RunPipeline(source, stages, sinks, options);
}

PipelineReport RunPipeline(FrameSource& source, PoseStages& stages,
                           const std::vector<FrameSink*>& sinks, const PipelineOptions& options) {
  PipelineReport report;
  const Clock::time_point start = Clock::now();
  BoundedQueue<VideoFrame> frames(options.queue_capacity, options.drop_oldest
                                                              ? QueueFullPolicy::kDropOldest
                                                              : QueueFullPolicy::kBlock);
  // Live: a prepared frame is replaced by a newer one rather than waiting behind it, so the
  // frame inference takes next is at most one frame interval old.
  BoundedQueue<PreparedFrame> prepared(
      options.drop_oldest ? 1 : options.queue_capacity,
      options.drop_oldest ? QueueFullPolicy::kDropOldest : QueueFullPolicy::kBlock);
  BoundedQueue<FrameResult> results(options.output_queue_capacity, QueueFullPolicy::kBlock);
  FirstError error;

  int64_t total = source.info().declared_frames;
  if (options.max_frames >= 0 && (total < 0 || options.max_frames < total)) {
    total = options.max_frames;
  }

  std::thread reader([&] { ReadStage(source, options, frames, error, report.frames_read); });

  std::thread preprocess([&] {
    if (!options.drop_oldest) YieldToInference();
    PreprocessStage(source, stages, frames, prepared, error);
  });

  std::thread writer([&] {
    if (!options.drop_oldest) YieldToInference();
    std::optional<FrameResult> r;
    bool failed = false;
    while (!failed && (r = results.Pop())) {
      for (FrameSink* sink : sinks) {
        Status s = sink->Write(*r);
        if (!s.ok()) {
          error.Set(s);
          failed = true;
          break;
        }
      }
      if (failed) break;
      ++report.frames_done;
      if (options.progress) {
        options.progress({report.frames_done, total,
                          std::chrono::duration<double>(Clock::now() - start).count()});
      }
    }
    // On failure stop the stages upstream: their pushes now fail and they wind down.
    results.Close();
    prepared.Close();
    frames.Close();
    for (FrameSink* sink : sinks) {
      Status s = sink->Finish();
      if (!s.ok()) error.Set(s);
    }
  });

  // Inference (and tracking) on this thread.
  PoseTracker tracker(options.tracker);
  TrackerOptions raw_options = options.tracker;
  raw_options.smoothing = false;
  PoseTracker raw_tracker(raw_options);
  const float min_score = options.tracker.min_keypoint_score;
  JitterMeter jitter_smoothed(min_score), jitter_unsmoothed(min_score);
  LagMeter lag(min_score);
  Clock::time_point wait_start = Clock::now();
  while (std::optional<PreparedFrame> p = prepared.Pop()) {
    const Clock::time_point stage_start = Clock::now();
    report.input_wait_seconds += std::chrono::duration<double>(stage_start - wait_start).count();
    VideoFrame* frame = &p->frame;
    Result<std::vector<Pose>> poses = stages.Estimate(p->input);
    if (!poses.ok()) {
      error.Set(poses.status().Wrap(FrameName(source, *frame)));
      break;
    }
    FrameResult result;
    result.inference_ms = stages.last_inference_ms();
    report.inference_ms.Add(result.inference_ms);
    if (options.track) {
      const double t = frame->timestamp_ms / 1000.0;
      std::vector<Pose> raw;
      if (options.keep_tracks_for_stats) raw = raw_tracker.Update(*poses, t);
      result.poses = tracker.Update(std::move(poses).value(), t);
      if (options.keep_tracks_for_stats) {
        jitter_smoothed.Add(result.poses);
        jitter_unsmoothed.Add(raw);
        lag.Add(std::move(raw), result.poses);
      }
    } else {
      result.poses = std::move(poses).value();
    }
    report.stage_ms.Add(
        std::chrono::duration<double, std::milli>(Clock::now() - stage_start).count());
    result.frame = std::move(*frame);
    const Clock::time_point push_start = Clock::now();
    if (!results.Push(std::move(result))) break;  // the sink stage failed
    wait_start = Clock::now();
    report.output_wait_seconds += std::chrono::duration<double>(wait_start - push_start).count();
  }
  prepared.Close();
  frames.Close();
  results.Close();
  reader.join();
  preprocess.join();
  writer.join();

  report.ids_seen = options.track ? tracker.ids_seen() : 0;
  report.jitter_smoothed = jitter_smoothed.result();
  report.jitter_unsmoothed = jitter_unsmoothed.result();
  report.lag_frames = lag.result();
  report.frames_dropped = frames.dropped() + prepared.dropped();
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report.status = error.Get();
  return report;
}

}  // namespace posenet
