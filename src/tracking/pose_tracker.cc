#include "tracking/pose_tracker.h"

#include <algorithm>
#include <cstddef>

#include "decode/pose_similarity.h"
#include "decode/pose_util.h"

namespace posenet {
namespace {

struct Candidate {
  float similarity;
  size_t track;
  size_t pose;
};

}  // namespace

PoseTracker::PoseTracker(TrackerOptions options) : options_(options) {}

float PoseTracker::Similarity(const Track& track, const Pose& pose) const {
  if (options_.similarity == TrackSimilarity::kBoxIou) return BoxIou(track.last.box, pose.box);
  return ObjectKeypointSimilarity(track.last, pose, options_.min_keypoint_score);
}

void PoseTracker::Smooth(Track& track, Pose& pose, double t_seconds) const {
  for (int k = 0; k < kNumKeypoints; ++k) {
    Keypoint& kp = pose.keypoints[k];
    kp.x = static_cast<float>(track.filters[2 * k].Filter(kp.x, t_seconds));
    kp.y = static_cast<float>(track.filters[2 * k + 1].Filter(kp.y, t_seconds));
  }
  pose.box = KeypointBox(pose);
}

void PoseTracker::Confirm(Track& track) {
  if (track.id < 0 && (track.hits >= options_.min_hits || frames_ <= options_.min_hits)) {
    track.id = next_id_++;
  }
}

void PoseTracker::StartTrack(Pose& pose, double t_seconds) {
  Track track;
  track.hits = 1;
  track.last = pose;
  track.filters.fill(OneEuroFilter(options_.smoothing_params));  // fresh: first sample passes
  Confirm(track);
  pose.id = track.id;
  if (options_.smoothing) Smooth(track, pose, t_seconds);
  tracks_.push_back(std::move(track));
}

std::vector<Pose> PoseTracker::Update(std::vector<Pose> poses, double t_seconds) {
  ++frames_;
  for (Pose& p : poses) p.id = -1;
  // Detections that belong to a track (confirmed or not); the others stay untracked.
  std::vector<bool> tracked(poses.size(), false);

  // Every sufficiently similar (track, detection) pair, most similar first; ties keep the
  // older track and the earlier detection, so the result does not depend on sort internals.
  std::vector<Candidate> candidates;
  for (size_t t = 0; t < tracks_.size(); ++t) {
    for (size_t p = 0; p < poses.size(); ++p) {
      const float s = Similarity(tracks_[t], poses[p]);
      if (s >= options_.min_similarity) candidates.push_back({s, t, p});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    if (a.track != b.track) return a.track < b.track;
    return a.pose < b.pose;
  });

  std::vector<bool> track_matched(tracks_.size(), false);
  std::vector<bool> pose_matched(poses.size(), false);
  for (const Candidate& c : candidates) {
    if (track_matched[c.track] || pose_matched[c.pose]) continue;
    track_matched[c.track] = pose_matched[c.pose] = true;
    Track& track = tracks_[c.track];
    Pose& pose = poses[c.pose];
    track.last = pose;
    track.unmatched_frames = 0;
    ++track.hits;
    Confirm(track);
    pose.id = track.id;
    tracked[c.pose] = true;
    if (options_.smoothing) Smooth(track, pose, t_seconds);
  }

  // Age the tracks nobody matched; drop those past max_age_frames.
  std::vector<Track> kept;
  kept.reserve(tracks_.size());
  for (size_t t = 0; t < tracks_.size(); ++t) {
    if (!track_matched[t]) {
      if (++tracks_[t].unmatched_frames > options_.max_age_frames) continue;
      if (tracks_[t].id < 0) tracks_[t].hits = 0;  // confirmation needs consecutive frames
    }
    kept.push_back(std::move(tracks_[t]));
  }
  tracks_ = std::move(kept);

  // New tracks for the leftover detections, best-scoring first.
  std::vector<size_t> fresh;
  for (size_t p = 0; p < poses.size(); ++p) {
    if (!pose_matched[p]) fresh.push_back(p);
  }
  std::stable_sort(fresh.begin(), fresh.end(),
                   [&](size_t a, size_t b) { return poses[a].score > poses[b].score; });
  for (size_t p : fresh) {
    if (static_cast<int>(tracks_.size()) >= options_.max_tracks) {
      // Evict the track unmatched for longest; tracks matched this frame are never evicted.
      auto stale = std::max_element(
          tracks_.begin(), tracks_.end(),
          [](const Track& a, const Track& b) { return a.unmatched_frames < b.unmatched_frames; });
      if (stale == tracks_.end() || stale->unmatched_frames == 0) break;
      tracks_.erase(stale);
    }
    StartTrack(poses[p], t_seconds);
    tracked[p] = true;
  }
  if (!options_.drop_unconfirmed) return poses;
  // Keep confirmed detections and those no track could take (max_tracks reached).
  std::vector<Pose> shown;
  shown.reserve(poses.size());
  for (size_t p = 0; p < poses.size(); ++p) {
    if (poses[p].id >= 0 || !tracked[p]) shown.push_back(std::move(poses[p]));
  }
  return shown;
}

}  // namespace posenet
