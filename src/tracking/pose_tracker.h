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
#include "posenet/tracker.h"
#include "tracking/one_euro_filter.h"

namespace posenet {

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
