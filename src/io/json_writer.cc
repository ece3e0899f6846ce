#include "io/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "base/output_file.h"

namespace posenet {
namespace {

using Json = nlohmann::ordered_json;

// A float as the double with the same shortest decimal form, so that 0.1f prints as 0.1
// rather than 0.10000000149011612. Non-finite values become null.
Json Number(float v) {
  if (!std::isfinite(v)) return nullptr;
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof(buf) - 1, v);
  *r.ptr = '\0';
  return std::strtod(buf, nullptr);
}

}  // namespace

Json PoseToJson(const Pose& pose) {
  Json j;
  if (pose.id >= 0) j["id"] = pose.id;
  j["score"] = Number(pose.score);
  j["box"] = Json::array(
      {Number(pose.box.x0), Number(pose.box.y0), Number(pose.box.x1), Number(pose.box.y1)});
  Json keypoints = Json::array();
  for (int k = 0; k < kNumKeypoints; ++k) {
    const Keypoint& kp = pose.keypoints[k];
    keypoints.push_back(Json{{"id", k},
                             {"name", std::string(KeypointName(k))},
                             {"x", Number(kp.x)},
                             {"y", Number(kp.y)},
                             {"score", Number(kp.score)}});
  }
  j["keypoints"] = std::move(keypoints);
  return j;
}

Json PosesToJsonValue(const std::vector<Pose>& poses, const JsonImageInfo& image,
                      const JsonModelInfo& model) {
  Json img = Json::object();
  if (!image.path.empty()) img["path"] = image.path;
  if (image.width > 0) img["width"] = image.width;
  if (image.height > 0) img["height"] = image.height;
  Json mod = Json::object();
  if (!model.path.empty()) mod["path"] = model.path;
  if (model.input_width > 0) mod["input_width"] = model.input_width;
  if (model.input_height > 0) mod["input_height"] = model.input_height;
  if (model.output_stride > 0) mod["output_stride"] = model.output_stride;
  if (!model.decoder.empty()) mod["decoder"] = model.decoder;
  Json list = Json::array();
  for (const Pose& p : poses) list.push_back(PoseToJson(p));
  return Json{{"image", std::move(img)}, {"model", std::move(mod)}, {"poses", std::move(list)}};
}

std::string PosesToJson(const std::vector<Pose>& poses, const JsonImageInfo& image,
                        const JsonModelInfo& model, int indent) {
  // Paths come from the file system and need not be UTF-8: replace invalid bytes rather than
  // throw.
  return PosesToJsonValue(poses, image, model)
             .dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

Status WriteTextFile(const std::string& path, const std::string& text) {
  if (path == "-") {
    const bool ok =
        std::fwrite(text.data(), 1, text.size(), stdout) == text.size() && std::fflush(stdout) == 0;
    return ok ? Status::Ok() : Status::Error("-: cannot write JSON: write to stdout failed");
  }
  return WriteFileAtomically(path, text.data(), text.size(), "JSON");
}

}  // namespace posenet
