#include "decode/limb_separation.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "decode/bilinear_sample.h"
#include "decode/pose_util.h"

namespace posenet {
namespace {

struct LegPair {
  int keypoint[2];  // left, right
  int parent[2];    // what each hangs from
  int edge[2];      // kPoseEdges index of parent -> keypoint (forward displacement channels)
};

// From the body out, so ankles are checked after their knees moved.
constexpr std::array<LegPair, 2> kLegPairs = {{
    {{kLeftKnee, kRightKnee}, {kLeftHip, kRightHip}, {8, 14}},
    {{kLeftAnkle, kRightAnkle}, {kLeftKnee, kRightKnee}, {9, 15}},
}};

float Distance(const Keypoint& a, const Keypoint& b) { return std::hypot(a.x - b.x, a.y - b.y); }

Keypoint Midpoint(const Keypoint& a, const Keypoint& b) {
  return {(a.x + b.x) / 2, (a.y + b.y) / 2, std::fmin(a.score, b.score)};
}

float TorsoLength(const Pose& p) {
  return Distance(Midpoint(p.keypoints[kLeftShoulder], p.keypoints[kRightShoulder]),
                  Midpoint(p.keypoints[kLeftHip], p.keypoints[kRightHip]));
}

class Separator {
 public:
  Separator(const OutputViews& v, const LimbSeparationOptions& o, const std::vector<Pose>& poses)
      : v_(v), o_(o), poses_(poses), inv_stride_(1.0f / static_cast<float>(o.stride)) {}

  void Run(Pose& pose) const {
    const float torso = TorsoLength(pose);
    if (!(torso > 0)) return;
    for (const LegPair& pair : kLegPairs) Separate(pose, pair, torso);
    pose.box = KeypointBox(pose);
  }

 private:
  float CellScore(int y, int x, int k) const { return Sigmoid(v_.heatmaps.At(y, x, k)); }

  bool LocalMax(int y, int x, int k) const {
    const float s = v_.heatmaps.At(y, x, k);
    for (int yy = std::max(y - 1, 0); yy < std::min(y + 2, v_.heatmaps.height); ++yy) {
      for (int xx = std::max(x - 1, 0); xx < std::min(x + 2, v_.heatmaps.width); ++xx) {
        if (v_.heatmaps.At(yy, xx, k) > s) return false;
      }
    }
    return true;
  }

  // Keypoint k at cell (y, x): the cell plus its short offset, with the cell's score.
  Keypoint AtCell(int y, int x, int k) const {
    return {static_cast<float>(x * o_.stride) + v_.short_offsets.At(y, x, kNumKeypoints + k),
            static_cast<float>(y * o_.stride) + v_.short_offsets.At(y, x, k), CellScore(y, x, k)};
  }

  float Sample(const GridView& grid, float y, float x, int channel) const {
    return SampleBilinear(grid, y * inv_stride_, x * inv_stride_, channel);
  }

  // Keypoint k reached from `parent` along forward edge `edge`, then pulled by its short
  // offsets as long as each step keeps it `apart` from `avoid`.
  Keypoint FromParent(const Keypoint& parent, int edge, int k, const Keypoint& avoid,
                      float apart) const {
    float y = parent.y + Sample(v_.mid_offsets, parent.y, parent.x, edge);
    float x = parent.x + Sample(v_.mid_offsets, parent.y, parent.x, kNumEdges + edge);
    for (int i = 0; i < o_.refine_steps; ++i) {
      const float ny = y + Sample(v_.short_offsets, y, x, k);
      const float nx = x + Sample(v_.short_offsets, y, x, kNumKeypoints + k);
      if (!(std::hypot(nx - avoid.x, ny - avoid.y) >= apart)) break;
      y = ny;
      x = nx;
    }
    return {x, y, Sigmoid(Sample(v_.heatmaps, y, x, k))};
  }

  // True when `p` sits on either keypoint of the pair in another pose.
  bool TakenByOther(const Pose& pose, const Keypoint& p, const LegPair& pair, float apart) const {
    for (const Pose& other : poses_) {
      if (&other == &pose) continue;
      for (int k : pair.keypoint) {
        if (Distance(other.keypoints[k], p) < apart) return true;
      }
    }
    return false;
  }

  void Separate(Pose& pose, const LegPair& pair, float torso) const {
    const Keypoint& left = pose.keypoints[pair.keypoint[0]];
    const Keypoint& right = pose.keypoints[pair.keypoint[1]];
    const float apart = o_.collapse_fraction * torso;
    if (!(Distance(left, right) < apart)) return;
    const Keypoint collapsed = Midpoint(left, right);
    const float reach = o_.max_reach * std::fmax(Distance(left, pose.keypoints[pair.parent[0]]),
                                                 Distance(right, pose.keypoints[pair.parent[1]]));
    const Keypoint parents =
        Midpoint(pose.keypoints[pair.parent[0]], pose.keypoints[pair.parent[1]]);

    Keypoint candidate[2];
    for (int side = 0; side < 2; ++side) {
      candidate[side] = FromParent(pose.keypoints[pair.parent[side]], pair.edge[side],
                                   pair.keypoint[side], collapsed, apart);
    }
    // The strongest heatmap maximum of either channel away from the collapsed point.
    float best = o_.min_score;
    int best_y = -1, best_x = -1;
    for (int y = 0; y < v_.heatmaps.height; ++y) {
      for (int x = 0; x < v_.heatmaps.width; ++x) {
        for (int k : pair.keypoint) {
          const float s = CellScore(y, x, k);
          if (!(s > best) || !LocalMax(y, x, k)) continue;
          const Keypoint p = AtCell(y, x, k);
          if (Distance(p, collapsed) < apart || Distance(p, parents) > reach ||
              TakenByOther(pose, p, pair, apart)) {
            continue;
          }
          best = s;
          best_y = y;
          best_x = x;
        }
      }
    }
    if (best_y >= 0) {
      const int side =
          CellScore(best_y, best_x, pair.keypoint[0]) >= CellScore(best_y, best_x, pair.keypoint[1])
              ? 0
              : 1;
      const Keypoint at = AtCell(best_y, best_x, pair.keypoint[side]);
      if (at.score > candidate[side].score || Distance(candidate[side], collapsed) < apart) {
        candidate[side] = at;
      }
    }

    int moving = -1;
    float best_score = o_.min_score;
    for (int side = 0; side < 2; ++side) {
      const Keypoint& c = candidate[side];
      if (Distance(c, collapsed) < apart ||
          Distance(c, pose.keypoints[pair.parent[side]]) > reach ||
          TakenByOther(pose, c, pair, apart) || !(c.score > best_score)) {
        continue;
      }
      moving = side;
      best_score = c.score;
    }
    if (moving >= 0) pose.keypoints[pair.keypoint[moving]] = candidate[moving];
  }

  static constexpr int kNumEdges = 16;
  const OutputViews& v_;
  const LimbSeparationOptions& o_;
  const std::vector<Pose>& poses_;
  float inv_stride_;
};

}  // namespace

void SeparateLimbs(std::vector<Pose>& poses, const OutputViews& views,
                   const LimbSeparationOptions& options) {
  if (options.stride <= 0 || !ValidateOutputViews(views).ok()) return;
  const Separator separator(views, options, poses);
  for (Pose& pose : poses) separator.Run(pose);
}

}  // namespace posenet
