// People across video frames: a Tracker gives each person an id that lasts from frame to frame
// and smooths their keypoints with One Euro filters (docs/tracking.md).
//
//   auto tracker = posenet::Tracker::Create();                 // TrackerOptions{} defaults
//   for (each frame) {
//     auto poses = estimator->Estimate(frame);                 // Pose::id == -1
//     auto tracked = tracker->Update(*poses, frame_seconds);   // ids set, keypoints smoothed
//   }
//
// Each frame, every live track (the last raw detection of one person) is compared with every new
// detection (OKS or box IoU); pairs at or above min_similarity are taken greedily, most similar
// first, each track and each detection at most once. A matched detection inherits the track's
// id; an unmatched detection starts a new track with the next id (0, 1, 2, ... never reused). A
// track unmatched for more than max_age_frames consecutive frames is dropped. With smoothing on,
// every keypoint coordinate of a track runs through its own One Euro filter; scores are
// unchanged and the box is recomputed from the smoothed keypoints.
#pragma once

#include <memory>
#include <vector>

#include "posenet/export.h"
#include "posenet/pose.h"
#include "posenet/status.h"

namespace posenet {

enum class TrackSimilarity {
  kOks,     // COCO object keypoint similarity against the track's last detection
  kBoxIou,  // intersection over union of the boxes
};

// One Euro filter parameters (Casiez, Roussel, Vogel, CHI 2012).
struct OneEuroParams {
  double min_cutoff = 1.0;  // Hz: the cutoff when the signal is still (> 0)
  double beta = 0.0;        // Hz per (unit per second): how fast the cutoff rises with speed (>= 0)
  double d_cutoff = 1.0;    // Hz: cutoff of the low-pass on the speed estimate (> 0)
};

struct TrackerOptions {
  TrackSimilarity similarity = TrackSimilarity::kOks;
  // Pairs less similar than this never match (OKS and IoU are both in [0, 1]).
  float min_similarity = 0.2f;
  // Live tracks at most (>= 1). When full, a new detection takes the slot of the track unmatched
  // for longest (one not matched this frame); if every track was matched this frame, the
  // lowest-scoring new detections get no track (id -1, not smoothed).
  int max_tracks = 16;
  // Frames a track survives unmatched (occlusions, missed detections) before it is dropped.
  int max_age_frames = 10;
  // Keypoints scored below this in either pose are left out of OKS.
  float min_keypoint_score = 0.3f;
  // Consecutive matched frames before a track is confirmed and gets an id (1: at once; every
  // track of the first min_hits frames is confirmed at once). Measured: false detections last
  // at most 3 frames on the shared clips (docs/tracking.md).
  int min_hits = 4;
  // Leave the poses of unconfirmed tracks out of Update's result (else: id -1).
  bool drop_unconfirmed = true;
  bool smoothing = true;
  // One Euro parameters for keypoint coordinates in picture pixels at video frame rates
  // (tuned at 25 fps; see docs/tracking.md).
  OneEuroParams smoothing_params = {1.0, 0.02, 1.0};
};

// OK, or an error naming the first option out of range ("cannot track poses: ...").
POSENET_API Status ValidateTrackerOptions(const TrackerOptions& options);

// Ids and smoothing for one stream of frames. Not thread-safe: one Tracker per stream.
class POSENET_API Tracker {
 public:
  // A tracker with these options, or the error of ValidateTrackerOptions.
  static Result<Tracker> Create(const TrackerOptions& options = {});
  Tracker(Tracker&&) noexcept;
  Tracker& operator=(Tracker&&) noexcept;
  ~Tracker();

  // This frame's poses with Pose::id set (-1 for a track not confirmed yet, kept only without
  // drop_unconfirmed, or when max_tracks are all taken) and, with smoothing, keypoints
  // smoothed; in their input order. `t_seconds` is the frame's time: finite
  // and not before the previous frame's (an equal time repeats the previous smoothed positions).
  // Non-finite keypoint coordinates are an error; on an error the tracker is unchanged.
  Result<std::vector<Pose>> Update(std::vector<Pose> poses, double t_seconds);

  // Number of distinct ids handed out so far.
  int ids_seen() const;
  // Tracks alive now (matched this frame or waiting out max_age_frames).
  int live_tracks() const;
  const TrackerOptions& options() const;

 private:
  struct Impl;
  explicit Tracker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace posenet
