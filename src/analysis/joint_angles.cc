// Joint angles of one pose (public API in posenet/analysis.h).
#include <algorithm>
#include <cmath>
#include <numbers>

#include "posenet/analysis.h"

namespace posenet {
namespace {

constexpr std::array<std::string_view, kNumAngles> kAngleNames = {
    "left_knee_flexion",       "right_knee_flexion",       "left_hip_flexion",
    "right_hip_flexion",       "left_elbow_flexion",       "right_elbow_flexion",
    "left_shoulder_abduction", "right_shoulder_abduction", "trunk_lean",
    "knees_flexion",           "elbows_flexion",           "shoulders_abduction"};

constexpr float kDegreesPerRadian = static_cast<float>(180.0 / std::numbers::pi);

bool Finite(const Keypoint& k) { return std::isfinite(k.x) && std::isfinite(k.y); }

// A flexion: 180 minus the angle at `vertex` (0 for a straight limb).
AngleSample Flexion(const Pose& p, int a, int vertex, int b, float min_score) {
  const Keypoint &ka = p.keypoints[a], &kv = p.keypoints[vertex], &kb = p.keypoints[b];
  AngleSample s;
  s.confidence = std::min({ka.score, kv.score, kb.score});
  const std::optional<float> angle = AngleBetween(ka, kv, kb);
  if (angle && s.confidence >= min_score) {
    s.degrees = 180.0f - *angle;
    s.valid = true;
  }
  return s;
}

// Shoulder abduction: the angle at the shoulder between the hip and the elbow.
AngleSample Abduction(const Pose& p, int hip, int shoulder, int elbow, float min_score) {
  AngleSample s = Flexion(p, hip, shoulder, elbow, min_score);
  if (s.valid) s.degrees = 180.0f - s.degrees;
  return s;
}

// Trunk lean: the hips' midpoint to the shoulders' midpoint against the picture's vertical.
AngleSample TrunkLean(const Pose& p, float min_score) {
  const auto& k = p.keypoints;
  AngleSample s;
  s.confidence = std::min(
      {k[kLeftShoulder].score, k[kRightShoulder].score, k[kLeftHip].score, k[kRightHip].score});
  for (int id : {kLeftShoulder, kRightShoulder, kLeftHip, kRightHip}) {
    if (!Finite(k[id])) return s;
  }
  const float dx = (k[kLeftShoulder].x + k[kRightShoulder].x - k[kLeftHip].x - k[kRightHip].x) / 2;
  const float dy = (k[kLeftShoulder].y + k[kRightShoulder].y - k[kLeftHip].y - k[kRightHip].y) / 2;
  if ((dx == 0 && dy == 0) || s.confidence < min_score) return s;
  // Picture y grows downwards: "up" is -y.
  s.degrees = std::atan2(std::fabs(dx), -dy) * kDegreesPerRadian;
  s.valid = true;
  return s;
}

// Both sides: the mean of the valid ones, with the confidence of the best.
AngleSample BothSides(const AngleSample& left, const AngleSample& right) {
  if (left.valid && right.valid) {
    return {(left.degrees + right.degrees) / 2, std::min(left.confidence, right.confidence), true};
  }
  if (left.valid) return left;
  if (right.valid) return right;
  return {0, std::max(left.confidence, right.confidence), false};
}

}  // namespace

std::string_view AngleName(AngleId id) {
  const int i = static_cast<int>(id);
  return i >= 0 && i < kNumAngles ? kAngleNames[i] : std::string_view();
}

std::optional<float> AngleBetween(const Keypoint& a, const Keypoint& vertex, const Keypoint& b) {
  if (!Finite(a) || !Finite(vertex) || !Finite(b)) return std::nullopt;
  const double ax = a.x - vertex.x, ay = a.y - vertex.y;
  const double bx = b.x - vertex.x, by = b.y - vertex.y;
  if ((ax == 0 && ay == 0) || (bx == 0 && by == 0)) return std::nullopt;
  // atan2 of cross and dot products: accurate near 0 and 180 degrees, unlike acos.
  const double angle = std::atan2(std::fabs(ax * by - ay * bx), ax * bx + ay * by);
  return static_cast<float>(angle * 180.0 / std::numbers::pi);
}

AngleSample MeasureAngle(const Pose& p, AngleId id, float min_score) {
  // The single angles: the two keypoints either side of the joint, and the joint, in AngleId
  // order; the first six are flexions, the next two abductions.
  struct Joint {
    int a, vertex, b;
  };
  static constexpr Joint kJoints[] = {
      {kLeftHip, kLeftKnee, kLeftAnkle},       {kRightHip, kRightKnee, kRightAnkle},
      {kLeftShoulder, kLeftHip, kLeftKnee},    {kRightShoulder, kRightHip, kRightKnee},
      {kLeftShoulder, kLeftElbow, kLeftWrist}, {kRightShoulder, kRightElbow, kRightWrist},
      {kLeftHip, kLeftShoulder, kLeftElbow},   {kRightHip, kRightShoulder, kRightElbow}};
  const int i = static_cast<int>(id);
  if (id <= AngleId::kRightElbow && i >= 0) {
    return Flexion(p, kJoints[i].a, kJoints[i].vertex, kJoints[i].b, min_score);
  }
  if (id <= AngleId::kRightShoulder && i >= 0) {
    return Abduction(p, kJoints[i].a, kJoints[i].vertex, kJoints[i].b, min_score);
  }
  // The combined angles: the mean of the left and right ones.
  constexpr AngleId kSides[][2] = {{AngleId::kLeftKnee, AngleId::kRightKnee},
                                   {AngleId::kLeftElbow, AngleId::kRightElbow},
                                   {AngleId::kLeftShoulder, AngleId::kRightShoulder}};
  switch (id) {
    case AngleId::kTrunkLean:
      return TrunkLean(p, min_score);
    case AngleId::kKnees:
    case AngleId::kElbows:
    case AngleId::kShoulders: {
      const auto& sides = kSides[i - static_cast<int>(AngleId::kKnees)];
      return BothSides(MeasureAngle(p, sides[0], min_score), MeasureAngle(p, sides[1], min_score));
    }
    default:
      return {};
  }
}

}  // namespace posenet
