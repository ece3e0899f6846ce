#include "io/coco_writer.h"

#include <charconv>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "io/json_writer.h"

namespace posenet {

std::string CocoResultsJson(const std::vector<CocoImagePoses>& images) {
  using Json = nlohmann::ordered_json;
  Json all = Json::array();
  for (const CocoImagePoses& image : images) {
    for (const Pose& pose : image.poses) {
      const Json picture = PoseToJson(pose);  // shortest float forms, null for non-finite
      Json flat = Json::array();
      for (const Json& kp : picture["keypoints"]) {
        flat.push_back(kp["x"]);
        flat.push_back(kp["y"]);
        flat.push_back(kp["score"]);
      }
      all.push_back(Json{{"image_id", image.image_id},
                         {"category_id", 1},
                         {"keypoints", std::move(flat)},
                         {"score", picture["score"]}});
    }
  }
  return all.dump() + "\n";
}

std::vector<int64_t> AssignCocoImageIds(const std::vector<std::string>& paths) {
  std::vector<int64_t> ids;
  std::set<int64_t> seen;
  for (const std::string& path : paths) {
    const std::string stem = std::filesystem::path(path).stem().string();
    int64_t value = 0;
    const auto r = std::from_chars(stem.data(), stem.data() + stem.size(), value);
    const bool numeric = !stem.empty() && r.ec == std::errc() &&
                         r.ptr == stem.data() + stem.size() && stem[0] != '-';
    if (!numeric || !seen.insert(value).second) {
      ids.clear();
      for (size_t i = 0; i < paths.size(); ++i) ids.push_back(static_cast<int64_t>(i) + 1);
      return ids;
    }
    ids.push_back(value);
  }
  return ids;
}

}  // namespace posenet
