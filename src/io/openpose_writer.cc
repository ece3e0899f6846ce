#include "io/openpose_writer.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/json_writer.h"

namespace posenet {
namespace {

using Json = nlohmann::ordered_json;

// OpenPose parts that are not PoseNet keypoints.
constexpr int kNeck = -1, kMidHip = -2, kMissing = -3;

constexpr std::array<int, 25> kBody25 = {
    kNose,      kNeck,     kRightShoulder, kRightElbow, kRightWrist, kLeftShoulder, kLeftElbow,
    kLeftWrist, kMidHip,   kRightHip,      kRightKnee,  kRightAnkle, kLeftHip,      kLeftKnee,
    kLeftAnkle, kRightEye, kLeftEye,       kRightEar,   kLeftEar,    kMissing,      kMissing,
    kMissing,   kMissing,  kMissing,       kMissing};

constexpr std::array<int, 18> kCoco18 = {
    kNose,      kNeck,      kRightShoulder, kRightElbow, kRightWrist, kLeftShoulder,
    kLeftElbow, kLeftWrist, kRightHip,      kRightKnee,  kRightAnkle, kLeftHip,
    kLeftKnee,  kLeftAnkle, kRightEye,      kLeftEye,    kRightEar,   kLeftEar};

Keypoint Midpoint(const Keypoint& a, const Keypoint& b) {
  return {(a.x + b.x) / 2, (a.y + b.y) / 2, std::min(a.score, b.score)};
}

Keypoint Part(const Pose& pose, int part) {
  switch (part) {
    case kNeck:
      return Midpoint(pose.keypoints[kLeftShoulder], pose.keypoints[kRightShoulder]);
    case kMidHip:
      return Midpoint(pose.keypoints[kLeftHip], pose.keypoints[kRightHip]);
    case kMissing:
      return {0, 0, 0};
    default:
      return pose.keypoints[part];
  }
}

template <size_t N>
Json Flat(const Pose& pose, const std::array<int, N>& parts) {
  Pose layout;  // reuse the picture writer's number formatting (shortest form, null if NaN)
  Json flat = Json::array();
  for (int part : parts) {
    layout.keypoints[0] = Part(pose, part);
    const Json kp = PoseToJson(layout)["keypoints"][0];
    flat.push_back(kp["x"]);
    flat.push_back(kp["y"]);
    flat.push_back(kp["score"]);
  }
  return flat;
}

}  // namespace

std::string PosesToOpenPoseJson(const std::vector<Pose>& poses, OpenPoseLayout layout) {
  Json people = Json::array();
  for (const Pose& pose : poses) {
    Json person;
    person["person_id"] = Json::array({pose.id});
    person["pose_keypoints_2d"] =
        layout == OpenPoseLayout::kBody25 ? Flat(pose, kBody25) : Flat(pose, kCoco18);
    for (const char* empty : {"face_keypoints_2d", "hand_left_keypoints_2d",
                              "hand_right_keypoints_2d", "pose_keypoints_3d", "face_keypoints_3d",
                              "hand_left_keypoints_3d", "hand_right_keypoints_3d"}) {
      person[empty] = Json::array();
    }
    people.push_back(std::move(person));
  }
  return Json{{"version", 1.3}, {"people", std::move(people)}}.dump() + "\n";
}

std::string OpenPoseFramePath(const std::string& folder, const std::string& stem, int64_t frame) {
  char number[32];
  std::snprintf(number, sizeof(number), "%012lld", static_cast<long long>(frame));
  return (std::filesystem::path(folder) / (stem + "_" + number + "_keypoints.json")).string();
}

std::string OpenPosePicturePath(const std::string& folder, const std::string& picture) {
  return (std::filesystem::path(folder) /
          (std::filesystem::path(picture).stem().string() + "_keypoints.json"))
      .string();
}

Status WriteOpenPoseFile(const std::string& path, const std::vector<Pose>& poses,
                         OpenPoseLayout layout) {
  return WriteTextFile(path, PosesToOpenPoseJson(poses, layout));
}

}  // namespace posenet
