// Person ids across video frames, and keypoints smoothed per person.
//
// Each frame, every live track (the last raw detection of one person) is compared with every
// new detection (OKS or box IoU); pairs at or above min_similarity are taken greedily, most
// similar first, each track and each detection at most once. An unmatched detection starts a
// new track. A track becomes confirmed once matched in min_hits consecutive frames (as SORT's
// min_hits; every track of the first min_hits frames is confirmed at once) and only then gets
// the next id (0, 1, 2, ... never reused); detections of unconfirmed tracks come back without
// an id, or not at all with drop_unconfirmed. A track unmatched for more than max_age_frames
// consecutive frames is dropped; a confirmed track stays confirmed while it lives.
// With smoothing on, every keypoint coordinate of a track runs through its own One Euro
// filter; scores are unchanged and the box is recomputed from the smoothed keypoints.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "posenet/pose.h"
#include "tracking/one_euro_filter.h"

namespace posenet {

enum class TrackSimilarity {
  kOks,     // COCO object keypoint similarity against the track's last detection
  kBoxIou,  // intersection over union of the boxes
};

struct TrackerOptions {
  TrackSimilarity similarity = TrackSimilarity::kOks;
  // Pairs less similar than this never match (OKS and IoU are both in [0, 1]).
  float min_similarity = 0.2f;
  // Live tracks at most. When full, a new detection takes the slot of the track unmatched
  // for longest (one not matched this frame); if every track was matched this frame, the
  // lowest-scoring new detections get no track (id -1, not smoothed).
  int max_tracks = 16;
  // Frames a track survives unmatched (occlusions, missed detections) before it is dropped.
  int max_age_frames = 10;
  // Keypoints scored below this in either pose are left out of OKS.
  float min_keypoint_score = 0.3f;
  // Consecutive matched frames before a track is confirmed and gets an id (1: at once).
  // Measured: false detections last at most 3 frames on the shared clips (docs/tracking.md).
  int min_hits = 4;
  // Leave the detections of unconfirmed tracks out of Update's result (else: id -1).
  bool drop_unconfirmed = true;
  bool smoothing = true;
  // One Euro parameters for keypoint coordinates in picture pixels at video frame rates
  // (tuned at 25 fps; see docs/tracking.md).
  OneEuroParams smoothing_params = {1.0, 0.02, 1.0};
};

class PoseTracker {
 public:
  explicit PoseTracker(TrackerOptions options = {});

  // Assigns Pose::id to this frame's detections and smooths tracked keypoints (when
  // options.smoothing). Poses come back in their input order (without those of unconfirmed
  // tracks when options.drop_unconfirmed). t_seconds must increase from call to call.
  std::vector<Pose> Update(std::vector<Pose> poses, double t_seconds);

  // Number of distinct ids handed out so far (confirmed tracks).
  int ids_seen() const { return next_id_; }
  // Tracks alive now (matched this frame or waiting out max_age_frames).
  int live_tracks() const { return static_cast<int>(tracks_.size()); }
  const TrackerOptions& options() const { return options_; }

 private:
  struct Track {
    int id = -1;               // -1 until confirmed
    int hits = 0;              // consecutive matched frames, while unconfirmed
    Pose last;                 // last raw detection: matching uses where the person was seen
    int unmatched_frames = 0;  // consecutive frames without a match
    std::array<OneEuroFilter, 2 * kNumKeypoints> filters;  // x, y of each keypoint
  };
  float Similarity(const Track& track, const Pose& pose) const;
  void StartTrack(Pose& pose, double t_seconds);
  void Confirm(Track& track);
  void Smooth(Track& track, Pose& pose, double t_seconds) const;

  TrackerOptions options_;
  std::vector<Track> tracks_;
  int next_id_ = 0;
  int64_t frames_ = 0;
};

}  // namespace posenet
