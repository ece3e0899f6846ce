// Frames through the estimator as concurrent stages joined by bounded queues:
//
//   read + decode video (source thread) -> [queue] -> Estimator::Prepare: resize and
//   transform to the model input (preprocess thread) -> [queue] -> Estimator::Estimate on the
//   prepared input: network, pose decoding, mapping back + tracking (the one inference thread:
//   an Estimator is single-threaded) -> [queue] -> write / draw / encode (sink thread)
//
// Each frame is resized once and its poses mapped back once.
// Files: the input queue blocks when full, so every frame is processed, in order.
// Live sources (latency low): the input queue and the prepared-frame queue drop their oldest
// frame when inference falls behind, so results stay current; dropped frames are counted and
// never reach the sinks.
// The first error of any stage (a truncated file, a stream that stops, a full disk) closes
// the queues; frames already read are still processed and written, the sinks are finished,
// and the error is reported.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "base/running_median.h"
#include "base/status.h"
#include "io/frame_source.h"
#include "pipeline/frame_sink.h"
#include "pipeline/pose_stages.h"
#include "posenet/estimator.h"
#include "tracking/motion_stats.h"
#include "tracking/pose_tracker.h"

namespace posenet {

struct PipelineProgress {
  int64_t frames_done = 0;
  int64_t frames_total = -1;  // the source's declared count (or --max-frames); -1 unknown
  double seconds = 0;         // since the pipeline started
};

struct PipelineOptions {
  bool drop_oldest = false;  // latency low: see above
  size_t queue_capacity = 4;
  // Finished frames waiting for the sinks: room to absorb a slow encode without stalling
  // inference.
  size_t output_queue_capacity = 8;
  int64_t max_frames = -1;  // stop after this many frames read; -1: all
  bool track = true;        // assign ids and smooth (off for folders of unrelated pictures)
  TrackerOptions tracker;
  // Also track the same detections with smoothing off and measure both, for the jitter and lag
  // figures of --stats (running measures: constant memory however long the run).
  bool keep_tracks_for_stats = false;
  // Called from the sink thread after every frame.
  std::function<void(const PipelineProgress&)> progress;
  // When set to true (e.g. by SIGINT), reading stops and the run ends normally.
  const std::atomic<bool>* stop = nullptr;
};

struct PipelineReport {
  Status status;  // the first error, naming the input or output
  int64_t frames_read = 0;
  int64_t frames_done = 0;     // written to every sink
  int64_t frames_dropped = 0;  // latency low only
  double seconds = 0;          // wall time of the whole run
  RunningMedian inference_ms;  // per processed frame: the network run
  RunningMedian stage_ms;      // per processed frame: the whole inference stage
  // Time the inference thread spent waiting for a frame (the stages before it too slow) and
  // for room in the output queue (the sinks too slow).
  double input_wait_seconds = 0, output_wait_seconds = 0;
  int ids_seen = 0;
  // With keep_tracks_for_stats: the jitter of the tracks, smoothed and not, and the lag between
  // them (tracking/motion_stats.h), keypoints scored >= tracker.min_keypoint_score.
  MotionStats jitter_smoothed, jitter_unsmoothed;
  double lag_frames = std::numeric_limits<double>::quiet_NaN();
};

PipelineReport RunPipeline(FrameSource& source, PoseStages& stages,
                           const std::vector<FrameSink*>& sinks, const PipelineOptions& options);
// The same with an Estimator's own stages.
PipelineReport RunPipeline(FrameSource& source, Estimator& estimator,
                           const std::vector<FrameSink*>& sinks, const PipelineOptions& options);

}  // namespace posenet
