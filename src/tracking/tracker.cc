// The public Tracker (posenet/tracker.h): PoseTracker behind checks of what callers pass in.
#include "posenet/tracker.h"

#include <cmath>
#include <string>

#include "tracking/pose_tracker.h"

namespace posenet {
namespace {

Status OutOfRange(const std::string& what) { return Status::Error("cannot track poses: " + what); }

}  // namespace

Status ValidateTrackerOptions(const TrackerOptions& o) {
  if (o.similarity != TrackSimilarity::kOks && o.similarity != TrackSimilarity::kBoxIou) {
    return OutOfRange("unknown similarity");
  }
  if (!(o.min_similarity >= 0 && o.min_similarity <= 1)) {
    return OutOfRange("min_similarity " + std::to_string(o.min_similarity) + " is not in [0, 1]");
  }
  if (o.max_tracks < 1) return OutOfRange("max_tracks " + std::to_string(o.max_tracks) + " < 1");
  if (o.max_age_frames < 0) {
    return OutOfRange("max_age_frames " + std::to_string(o.max_age_frames) + " < 0");
  }
  if (!std::isfinite(o.min_keypoint_score)) return OutOfRange("min_keypoint_score is not finite");
  if (o.min_hits < 1) return OutOfRange("min_hits " + std::to_string(o.min_hits) + " < 1");
  const OneEuroParams& p = o.smoothing_params;
  if (!(p.min_cutoff > 0 && std::isfinite(p.min_cutoff))) {
    return OutOfRange("smoothing min_cutoff must be a finite number > 0");
  }
  if (!(p.beta >= 0 && std::isfinite(p.beta))) {
    return OutOfRange("smoothing beta must be a finite number >= 0");
  }
  if (!(p.d_cutoff > 0 && std::isfinite(p.d_cutoff))) {
    return OutOfRange("smoothing d_cutoff must be a finite number > 0");
  }
  return Status::Ok();
}

struct Tracker::Impl {
  explicit Impl(const TrackerOptions& options) : tracker(options) {}
  PoseTracker tracker;
  bool started = false;
  double last_seconds = 0;
};

Result<Tracker> Tracker::Create(const TrackerOptions& options) {
  POSENET_RETURN_IF_ERROR(ValidateTrackerOptions(options));
  return Tracker(std::make_unique<Impl>(options));
}

Tracker::Tracker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tracker::Tracker(Tracker&&) noexcept = default;
Tracker& Tracker::operator=(Tracker&&) noexcept = default;
Tracker::~Tracker() = default;

Result<std::vector<Pose>> Tracker::Update(std::vector<Pose> poses, double t_seconds) {
  Impl& m = *impl_;
  if (!std::isfinite(t_seconds)) return Status::Error("cannot track poses: the time is not finite");
  if (m.started && t_seconds < m.last_seconds) {
    return Status::Error("cannot track poses: time " + std::to_string(t_seconds) +
                         " s is before the previous frame's " + std::to_string(m.last_seconds) +
                         " s");
  }
  for (size_t i = 0; i < poses.size(); ++i) {
    for (int k = 0; k < kNumKeypoints; ++k) {
      const Keypoint& kp = poses[i].keypoints[k];
      if (!std::isfinite(kp.x) || !std::isfinite(kp.y)) {
        return Status::Error("cannot track poses: pose " + std::to_string(i) + " keypoint " +
                             std::string(KeypointName(k)) + " is not finite");
      }
    }
  }
  m.started = true;
  m.last_seconds = t_seconds;
  return m.tracker.Update(std::move(poses), t_seconds);
}

int Tracker::ids_seen() const { return impl_->tracker.ids_seen(); }
int Tracker::live_tracks() const { return impl_->tracker.live_tracks(); }
const TrackerOptions& Tracker::options() const { return impl_->tracker.options(); }

}  // namespace posenet
