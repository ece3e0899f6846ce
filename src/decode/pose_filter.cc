#include "decode/pose_filter.h"

#include <algorithm>
#include <numeric>

#include "decode/pose_similarity.h"

namespace posenet {

void FilterPoses(std::vector<Pose>& poses, const PoseFilterOptions& options) {
  std::vector<size_t> order(poses.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return poses[a].score > poses[b].score; });
  std::vector<bool> keep(poses.size(), false);
  std::vector<size_t> kept;
  for (size_t i : order) {
    if (!(poses[i].score >= options.min_pose_score)) continue;
    const bool duplicate = std::any_of(kept.begin(), kept.end(), [&](size_t j) {
      return ObjectKeypointSimilarity(poses[j], poses[i], options.oks_keypoint_score) >
             options.duplicate_oks;
    });
    if (duplicate) continue;
    keep[i] = true;
    kept.push_back(i);
  }
  size_t out = 0;
  for (size_t i = 0; i < poses.size(); ++i) {
    if (keep[i]) poses[out++] = std::move(poses[i]);
  }
  poses.resize(out);
}

}  // namespace posenet
