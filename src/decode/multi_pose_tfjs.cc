#include "decode/multi_pose_tfjs.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "decode/pose_util.h"
#include "decode/tfjs_max_heap.h"

namespace posenet {
namespace {

struct Candidate {
  float score;
  int y, x, k;
};

struct Point {
  double y = 0, x = 0;
};

struct Part {
  Point p;
  float score = 0;
  bool known = false;
};
using Parts = std::array<Part, kNumKeypoints>;

// JavaScript's Math.round: halves go towards +infinity.
double JsRound(double v) {
  const double f = std::floor(v);
  return v - f >= 0.5 ? f + 1 : f;
}

// clamp(Math.round(v / stride), 0, n - 1); NaN goes to 0 instead of an invalid index.
int NearestCell(double v, int stride, int n) {
  const double r = JsRound(v / stride);
  if (r >= n - 1) return n - 1;
  return r >= 0 ? static_cast<int>(r) : 0;
}

double SquaredDistance(const Point& a, const Point& b) {
  const double dy = b.y - a.y, dx = b.x - a.x;
  return dy * dy + dx * dx;
}

class Decoder {
 public:
  Decoder(const OutputViews& v, const TfjsMultiPoseOptions& o)
      : v_(v),
        o_(o),
        bound_(static_cast<float>(std::max(v.heatmaps.height, v.heatmaps.width)) *
               static_cast<float>(o.stride)) {
    const GridView& h = v.heatmaps;
    scores_.resize(h.size());
    for (size_t i = 0; i < scores_.size(); ++i) scores_[i] = Sigmoid(h.data[i]);
  }

  std::vector<Pose> Run() {
    auto key = [](const Candidate& c) { return c.score; };
    TfjsMaxHeap<Candidate, decltype(key)> queue(key);
    BuildQueue(queue);
    const double nms2 = static_cast<double>(o_.nms_radius) * o_.nms_radius;
    std::vector<Parts> poses;
    std::vector<Pose> out;
    while (static_cast<int>(poses.size()) < o_.max_poses && !queue.empty()) {
      const Candidate root = queue.pop();
      const Point root_point = OffsetPoint(root.y, root.x, root.k);
      if (WithinNms(poses, nms2, root_point, root.k)) continue;
      Parts parts = DecodeFromRoot(root, root_point);
      double sum = 0;
      for (int k = 0; k < kNumKeypoints; ++k) {
        if (!WithinNms(poses, nms2, parts[k].p, k)) sum += parts[k].score;
      }
      out.push_back(ToPose(parts, static_cast<float>(sum / kNumKeypoints)));
      poses.push_back(parts);
    }
    return out;
  }

 private:
  float Score(int y, int x, int k) const {
    return scores_[(static_cast<size_t>(y) * v_.heatmaps.width + x) * kNumKeypoints + k];
  }

  template <typename Heap>
  void BuildQueue(Heap& queue) const {
    const int h = v_.heatmaps.height, w = v_.heatmaps.width, r = o_.local_max_radius;
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        for (int k = 0; k < kNumKeypoints; ++k) {
          const float s = Score(y, x, k);
          if (!(s >= o_.score_threshold)) continue;
          bool local_max = true;
          for (int yy = std::max(y - r, 0); local_max && yy < std::min(y + r + 1, h); ++yy) {
            for (int xx = std::max(x - r, 0); xx < std::min(x + r + 1, w); ++xx) {
              if (Score(yy, xx, k) > s) {
                local_max = false;
                break;
              }
            }
          }
          if (local_max) queue.push(Candidate{s, y, x, k});
        }
      }
    }
  }

  // cell * stride + short offset of keypoint k at that cell.
  Point OffsetPoint(int y, int x, int k) const {
    return {static_cast<double>(y) * o_.stride + SafeOffset(v_.short_offsets.At(y, x, k), bound_),
            static_cast<double>(x) * o_.stride +
                SafeOffset(v_.short_offsets.At(y, x, kNumKeypoints + k), bound_)};
  }

  static bool WithinNms(const std::vector<Parts>& poses, double nms2, const Point& p, int k) {
    for (const Parts& pose : poses) {
      if (SquaredDistance(p, pose[k].p) <= nms2) return true;
    }
    return false;
  }

  // mid_base is 0 for forward displacements and 32 for backward ones.
  Part Traverse(int edge, const Point& source, int target, int mid_base) const {
    const int h = v_.heatmaps.height, w = v_.heatmaps.width;
    const int sy = NearestCell(source.y, o_.stride, h), sx = NearestCell(source.x, o_.stride, w);
    Point t{source.y + SafeOffset(v_.mid_offsets.At(sy, sx, mid_base + edge), bound_),
            source.x + SafeOffset(v_.mid_offsets.At(sy, sx, mid_base + 16 + edge), bound_)};
    for (int i = 0; i < o_.refine_steps; ++i) {
      t = OffsetPoint(NearestCell(t.y, o_.stride, h), NearestCell(t.x, o_.stride, w), target);
    }
    const int cy = NearestCell(t.y, o_.stride, h), cx = NearestCell(t.x, o_.stride, w);
    return Part{t, Score(cy, cx, target), true};
  }

  Parts DecodeFromRoot(const Candidate& root, const Point& root_point) const {
    Parts parts{};
    parts[root.k] = Part{root_point, root.score, true};
    const int num_edges = static_cast<int>(kPoseEdges.size());
    for (int e = num_edges - 1; e >= 0; --e) {
      const Edge& edge = kPoseEdges[e];
      if (parts[edge.child].known && !parts[edge.parent].known) {
        parts[edge.parent] = Traverse(e, parts[edge.child].p, edge.parent, 32);
      }
    }
    for (int e = 0; e < num_edges; ++e) {
      const Edge& edge = kPoseEdges[e];
      if (parts[edge.parent].known && !parts[edge.child].known) {
        parts[edge.child] = Traverse(e, parts[edge.parent].p, edge.child, 0);
      }
    }
    return parts;
  }

  static Pose ToPose(const Parts& parts, float score) {
    Pose pose;
    pose.score = score;
    for (int k = 0; k < kNumKeypoints; ++k) {
      pose.keypoints[k] = Keypoint{static_cast<float>(parts[k].p.x),
                                   static_cast<float>(parts[k].p.y), parts[k].score};
    }
    pose.box = KeypointBox(pose);
    return pose;
  }

  const OutputViews& v_;
  const TfjsMultiPoseOptions& o_;
  float bound_;  // offsets are clamped to the input's extent (SafeOffset)
  std::vector<float> scores_;
};

}  // namespace

Result<std::vector<Pose>> DecodeMultiPosesTfjs(const OutputViews& views,
                                               const TfjsMultiPoseOptions& options) {
  POSENET_RETURN_IF_ERROR(ValidateOutputViews(views));
  POSENET_RETURN_IF_ERROR(CheckDecodeStride(options.stride));
  if (options.max_poses < 0 || options.local_max_radius < 0 || options.refine_steps < 0 ||
      !(options.nms_radius >= 0)) {
    return Status::Error("cannot decode poses: negative tfjs decoder option");
  }
  return Decoder(views, options).Run();
}

}  // namespace posenet
