#include "io/jsonl_reader.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "base/file.h"

namespace posenet {
namespace {

using Json = nlohmann::json;

// Throws with the reason when `value` is not what the schema says.
const Json& Field(const Json& object, const char* key) {
  if (!object.is_object()) throw std::runtime_error("expected an object");
  const auto it = object.find(key);
  if (it == object.end()) throw std::runtime_error(std::string("no \"") + key + "\"");
  return *it;
}

double Number(const Json& value, const char* what) {
  if (value.is_null()) return std::numeric_limits<double>::quiet_NaN();  // written for NaN
  if (!value.is_number()) throw std::runtime_error(std::string(what) + " is not a number");
  return value.get<double>();
}

Pose ParsePose(const Json& j) {
  Pose pose;
  pose.score = static_cast<float>(Number(Field(j, "score"), "score"));
  if (const auto id = j.find("id"); id != j.end()) {
    if (!id->is_number_integer() || id->get<int64_t>() < -1 ||
        id->get<int64_t>() > std::numeric_limits<int>::max()) {
      throw std::runtime_error("pose id is not an integer >= -1");
    }
    pose.id = static_cast<int>(id->get<int64_t>());
  }
  const Json& keypoints = Field(j, "keypoints");
  if (!keypoints.is_array() || keypoints.size() != kNumKeypoints) {
    throw std::runtime_error("a pose needs 17 keypoints");
  }
  for (int k = 0; k < kNumKeypoints; ++k) {
    const Json& kp = keypoints[k];
    Keypoint& out = pose.keypoints[k];
    out.x = static_cast<float>(Number(Field(kp, "x"), "x"));
    out.y = static_cast<float>(Number(Field(kp, "y"), "y"));
    const double score = Number(Field(kp, "score"), "score");
    out.score = std::isfinite(score) ? static_cast<float>(score) : 0.0f;
  }
  if (const auto box = j.find("box"); box != j.end() && box->is_array() && box->size() == 4) {
    pose.box = {
        static_cast<float>(Number((*box)[0], "box")), static_cast<float>(Number((*box)[1], "box")),
        static_cast<float>(Number((*box)[2], "box")), static_cast<float>(Number((*box)[3], "box"))};
  }
  return pose;
}

PoseFrame ParseFrame(const Json& j, PoseRecording& recording, bool first) {
  PoseFrame frame;
  const Json& index = Field(j, "frame");
  if (!index.is_number_integer() || index.get<int64_t>() < 0) {
    throw std::runtime_error("frame is not an integer >= 0");
  }
  frame.index = index.get<int64_t>();
  frame.timestamp_ms = Number(Field(j, "timestamp_ms"), "timestamp_ms");
  if (!std::isfinite(frame.timestamp_ms)) throw std::runtime_error("timestamp_ms is not finite");
  const Json& poses = Field(j, "poses");
  if (!poses.is_array()) throw std::runtime_error("poses is not an array");
  if (poses.size() > kMaxPosesPerFrame) throw std::runtime_error("more than 1000 poses");
  frame.poses.reserve(poses.size());
  for (const Json& p : poses) frame.poses.push_back(ParsePose(p));
  if (first) {
    if (const auto image = j.find("image"); image != j.end() && image->is_object()) {
      recording.video_path = image->value("path", "");
      recording.width = image->value("width", 0);
      recording.height = image->value("height", 0);
    }
  }
  return frame;
}

}  // namespace

Result<PoseRecording> ParsePosesJsonl(const std::string& text, const std::string& name) {
  PoseRecording recording;
  size_t line_number = 0, begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    ++line_number;
    const std::string_view line(text.data() + begin, end - begin);
    begin = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank line
    try {
      const Json j = Json::parse(line);
      PoseFrame frame = ParseFrame(j, recording, recording.frames.empty());
      if (!recording.frames.empty() && frame.timestamp_ms < recording.frames.back().timestamp_ms) {
        throw std::runtime_error("timestamp_ms goes back in time");
      }
      recording.frames.push_back(std::move(frame));
    } catch (const std::exception& e) {
      std::string reason = e.what();
      // nlohmann's parse errors start with "[json.exception.parse_error.101] ": keep the rest.
      if (const size_t bracket = reason.find("] ");
          reason.rfind("[json.", 0) == 0 && bracket != std::string::npos) {
        reason = reason.substr(bracket + 2);
      }
      return Status::Error(name + ": cannot read poses: line " + std::to_string(line_number) +
                           ": " + reason);
    }
  }
  return recording;
}

Result<PoseRecording> ReadPosesJsonl(const std::string& path, uint64_t max_bytes) {
  POSENET_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, ReadFileBytes(path, max_bytes));
  return ParsePosesJsonl(std::string(bytes.begin(), bytes.end()), path);
}

}  // namespace posenet
