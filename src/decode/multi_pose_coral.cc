#include "decode/multi_pose_coral.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <queue>

#include "decode/bilinear_sample.h"
#include "decode/pose_util.h"

namespace posenet {
namespace {

constexpr int kNumEdges = 16;

struct GridPoint {
  float y, x;
};

// The element and ordering of Coral's DecreasingScoreKeypointPriorityQueue: pushing the same
// elements in the same order into std::priority_queue gives the same pop order for ties.
struct ScoredPoint {
  GridPoint point;
  int id;
  float score;  // logit
};
struct LowerScore {
  bool operator()(const ScoredPoint& a, const ScoredPoint& b) const { return a.score < b.score; }
};
using ScoreQueue = std::priority_queue<ScoredPoint, std::vector<ScoredPoint>, LowerScore>;

struct Instance {
  std::array<GridPoint, kNumKeypoints> points;
  std::array<float, kNumKeypoints> scores;  // sigmoid
};

// For node n: (neighbour, edge id) over forward edges with parent n, then backward edges
// (ids 16..31) with child n, in edge-list order.
struct Adjacency {
  std::array<std::vector<std::pair<int, int>>, kNumKeypoints> next;
  Adjacency() {
    for (int e = 0; e < kNumEdges; ++e)
      next[kPoseEdges[e].parent].push_back({kPoseEdges[e].child, e});
    for (int e = 0; e < kNumEdges; ++e) {
      next[kPoseEdges[e].child].push_back({kPoseEdges[e].parent, kNumEdges + e});
    }
  }
};

float SquaredDistance(const GridPoint& a, const GridPoint& b) {
  const float dy = b.y - a.y;
  const float dx = b.x - a.x;
  return dy * dy + dx * dx;
}

// Indices of `scores` by decreasing value, via std::sort as Coral's DecreasingArgSort.
std::vector<int> DecreasingArgSort(const float* scores, size_t n) {
  std::vector<int> idx(n);
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [scores](int i, int j) { return scores[i] > scores[j]; });
  return idx;
}

class Decoder {
 public:
  Decoder(const OutputViews& v, const CoralDecoderOptions& o)
      : v_(v),
        o_(o),
        h_(v.heatmaps.height),
        w_(v.heatmaps.width),
        inv_stride_(static_cast<float>(1.0 / o.stride)) {
    const float nms = o.nms_radius / static_cast<float>(o.stride);
    nms2_ = nms * nms;
  }

  std::vector<Pose> Run() {
    ScoreQueue queue = BuildQueue();
    std::vector<Instance> accepted;
    std::vector<float> scores;
    while (static_cast<int>(accepted.size()) < o_.max_detections && !queue.empty()) {
      const ScoredPoint root = queue.top();
      queue.pop();
      if (!PassesNms(accepted, root)) continue;
      Instance inst = DecodeInstance(root);
      const float score = SumInOrder(inst, nullptr) / kNumKeypoints;
      if (score >= o_.score_threshold) {
        accepted.push_back(inst);
        scores.push_back(score);
      }
    }
    Rescore(accepted, scores);
    std::vector<Pose> out;
    for (int i : DecreasingArgSort(scores.data(), scores.size())) {
      if (scores[i] < o_.score_threshold) break;
      out.push_back(ToPose(accepted[i], scores[i]));
    }
    return out;
  }

 private:
  GridPoint Clamp(float y, float x) const {
    return {ClampCoord(y, 0.0f, static_cast<float>(h_ - 1)),
            ClampCoord(x, 0.0f, static_cast<float>(w_ - 1))};
  }

  ScoreQueue BuildQueue() const {
    const double t = o_.score_threshold;
    const float min_logit = static_cast<float>(-std::log(1.0 / (t + 1e-6) - 1.0));
    const GridView& heat = v_.heatmaps;
    ScoreQueue queue;
    for (int y = 0; y < h_; ++y) {
      for (int x = 0; x < w_; ++x) {
        for (int k = 0; k < kNumKeypoints; ++k) {
          const float logit = heat.At(y, x, k);
          if (!(logit >= min_logit)) continue;
          bool local_max = true;
          for (int yy = std::max(y - 1, 0); local_max && yy < std::min(y + 2, h_); ++yy) {
            for (int xx = std::max(x - 1, 0); xx < std::min(x + 2, w_); ++xx) {
              if (heat.At(yy, xx, k) > logit) {
                local_max = false;
                break;
              }
            }
          }
          if (!local_max) continue;
          const float dy = v_.short_offsets.At(y, x, k) * inv_stride_;
          const float dx = v_.short_offsets.At(y, x, kNumKeypoints + k) * inv_stride_;
          queue.push({Clamp(static_cast<float>(y) + dy, static_cast<float>(x) + dx), k, logit});
        }
      }
    }
    return queue;
  }

  bool PassesNms(const std::vector<Instance>& accepted, const ScoredPoint& root) const {
    for (const Instance& inst : accepted) {
      if (SquaredDistance(root.point, inst.points[root.id]) <= nms2_) return false;
    }
    return true;
  }

  // Follows edge channel pair (ch, ch + 16) of the mid offsets from `src`, then refines with
  // the short offsets of `target`, clamping to the grid after every step.
  GridPoint Displace(const GridPoint& src, int ch, int target) const {
    const float oy = SampleBilinear(v_.mid_offsets, src.y, src.x, ch) * inv_stride_;
    const float ox = SampleBilinear(v_.mid_offsets, src.y, src.x, ch + kNumEdges) * inv_stride_;
    GridPoint p = Clamp(src.y + oy, src.x + ox);
    for (int i = 0; i < kCoralRefinementSteps; ++i) {
      const float sy = SampleBilinear(v_.short_offsets, p.y, p.x, target) * inv_stride_;
      const float sx =
          SampleBilinear(v_.short_offsets, p.y, p.x, kNumKeypoints + target) * inv_stride_;
      p = Clamp(p.y + sy, p.x + sx);
    }
    return p;
  }

  int MidChannel(int edge_id) const {
    const bool backward = o_.legacy_edge_channels ? edge_id > kNumEdges : edge_id >= kNumEdges;
    return backward ? edge_id + kNumEdges : edge_id;
  }

  Instance DecodeInstance(const ScoredPoint& root) const {
    static const Adjacency adjacency;
    std::array<float, kNumKeypoints> logits;
    logits.fill(-1e5f);
    Instance inst;
    inst.points.fill(GridPoint{-1.0f, -1.0f});
    std::array<bool, kNumKeypoints> decoded{};
    ScoreQueue queue;
    queue.push(
        {root.point, root.id, SampleBilinear(v_.heatmaps, root.point.y, root.point.x, root.id)});
    while (!queue.empty()) {
      const ScoredPoint cur = queue.top();
      queue.pop();
      if (decoded[cur.id]) continue;
      inst.points[cur.id] = cur.point;
      logits[cur.id] = cur.score;
      decoded[cur.id] = true;
      for (const auto& [child, edge_id] : adjacency.next[cur.id]) {
        if (decoded[child]) continue;
        const GridPoint p = Displace(cur.point, MidChannel(edge_id), child);
        queue.push({p, child, SampleBilinear(v_.heatmaps, p.y, p.x, child)});
      }
    }
    for (int k = 0; k < kNumKeypoints; ++k) inst.scores[k] = Sigmoid(logits[k]);
    return inst;
  }

  // Sum of the keypoint scores not marked in `occluded`, added in decreasing-score order.
  static float SumInOrder(const Instance& inst, const std::array<bool, kNumKeypoints>* occluded) {
    float total = 0.0f;
    for (int k : DecreasingArgSort(inst.scores.data(), kNumKeypoints)) {
      if (occluded == nullptr || !(*occluded)[k]) total += inst.scores[k];
    }
    return total;
  }

  void Rescore(const std::vector<Instance>& accepted, std::vector<float>& scores) const {
    const std::vector<int> order = DecreasingArgSort(scores.data(), scores.size());
    for (size_t i = 0; i < order.size(); ++i) {
      const Instance& cur = accepted[order[i]];
      std::array<bool, kNumKeypoints> occluded{};
      for (size_t j = 0; j < i; ++j) {
        const Instance& prev = accepted[order[j]];
        for (int k = 0; k < kNumKeypoints; ++k) {
          if (SquaredDistance(cur.points[k], prev.points[k]) <= nms2_) occluded[k] = true;
        }
      }
      scores[order[i]] = SumInOrder(cur, &occluded) / kNumKeypoints;
    }
  }

  Pose ToPose(const Instance& inst, float score) const {
    Pose pose;
    pose.score = score;
    const float stride = static_cast<float>(o_.stride);
    for (int k = 0; k < kNumKeypoints; ++k) {
      pose.keypoints[k] =
          Keypoint{inst.points[k].x * stride, inst.points[k].y * stride, inst.scores[k]};
    }
    pose.box = KeypointBox(pose);
    return pose;
  }

  const OutputViews& v_;
  const CoralDecoderOptions& o_;
  int h_, w_;
  float inv_stride_;
  float nms2_ = 0;
};

}  // namespace

Result<std::vector<Pose>> DecodeMultiPosesCoral(const OutputViews& views,
                                                const CoralDecoderOptions& options) {
  POSENET_RETURN_IF_ERROR(ValidateOutputViews(views));
  POSENET_RETURN_IF_ERROR(CheckDecodeStride(options.stride));
  if (options.max_detections < 0 || !(options.nms_radius >= 0)) {
    return Status::Error("cannot decode poses: negative Coral decoder option");
  }
  return Decoder(views, options).Run();
}

}  // namespace posenet
