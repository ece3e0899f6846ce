#include "io/openpose_writer.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/json_writer.h"

namespace posenet {

std::string PosesToOpenPoseJson(const std::vector<Pose>& poses) {
  using Json = nlohmann::ordered_json;
  Json people = Json::array();
  for (const Pose& pose : poses) {
    // Reuse the picture writer's float formatting (shortest form, null for non-finite).
    const Json kps = PoseToJson(pose)["keypoints"];
    Json flat = Json::array();
    for (const Json& kp : kps) {
      flat.push_back(kp["x"]);
      flat.push_back(kp["y"]);
      flat.push_back(kp["score"]);
    }
    people.push_back(Json{{"person_id", Json::array({pose.id})}, {"pose_keypoints_2d", flat}});
  }
  return Json{{"version", 1.3}, {"people", std::move(people)}}.dump() + "\n";
}

std::string OpenPoseFramePath(const std::string& folder, const std::string& stem, int64_t frame) {
  char number[32];
  std::snprintf(number, sizeof(number), "%012lld", static_cast<long long>(frame));
  return (std::filesystem::path(folder) / (stem + "_" + number + "_keypoints.json")).string();
}

Status WriteOpenPoseFrame(const std::string& folder, const std::string& stem, int64_t frame,
                          const std::vector<Pose>& poses) {
  return WriteTextFile(OpenPoseFramePath(folder, stem, frame), PosesToOpenPoseJson(poses));
}

}  // namespace posenet
