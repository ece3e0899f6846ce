#include "decode/pose_similarity.h"

#include <algorithm>
#include <cmath>

namespace posenet {

float ObjectKeypointSimilarity(const Pose& reference, const Pose& candidate, float min_score) {
  const Box& box = reference.box;
  const double area = std::max(1.0, double(box.x1 - box.x0) * double(box.y1 - box.y0));
  double sum = 0;
  int used = 0;
  for (int k = 0; k < kNumKeypoints; ++k) {
    const Keypoint& a = reference.keypoints[k];
    const Keypoint& b = candidate.keypoints[k];
    if (a.score < min_score || b.score < min_score) continue;
    const double dx = double(a.x) - b.x;
    const double dy = double(a.y) - b.y;
    const double kappa = 2.0 * kCocoKeypointSigmas[k];
    sum += std::exp(-(dx * dx + dy * dy) / (2.0 * area * kappa * kappa));
    ++used;
  }
  return used == 0 ? 0.0f : float(sum / used);
}

float BoxIou(const Box& a, const Box& b) {
  const double iw = std::max(0.0, double(std::min(a.x1, b.x1)) - std::max(a.x0, b.x0));
  const double ih = std::max(0.0, double(std::min(a.y1, b.y1)) - std::max(a.y0, b.y0));
  const double inter = iw * ih;
  const double area_a = std::max(0.0, double(a.x1) - a.x0) * std::max(0.0, double(a.y1) - a.y0);
  const double area_b = std::max(0.0, double(b.x1) - b.x0) * std::max(0.0, double(b.y1) - b.y0);
  const double uni = area_a + area_b - inter;
  return uni > 0 ? float(inter / uni) : 0.0f;
}

}  // namespace posenet
