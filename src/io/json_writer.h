// Poses as JSON (schema: docs/json-schema.md).
//
//   {"image": {"path", "width", "height"},
//    "model": {"path", "input_width", "input_height", "output_stride", "decoder"},
//    "poses": [{"id"?, "score", "box": [x0, y0, x1, y1],
//               "keypoints": [{"id", "name", "x", "y", "score"}, ... 17]}]}
//
// Building the document is a pure function of (poses, metadata), so video output can call it
// per frame and embed the value. Unset metadata fields (empty strings, zero sizes) are left
// out; "id" appears on a pose only when it is tracked (id >= 0). Numbers are the float values
// printed in their shortest round-trip form (0.1f prints as 0.1); NaN and infinities print as
// null.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "posenet/pose.h"

namespace posenet {

struct JsonImageInfo {
  std::string path;
  int width = 0;
  int height = 0;
};

struct JsonModelInfo {
  std::string path;
  int input_width = 0;
  int input_height = 0;
  int output_stride = 0;
  std::string decoder;  // e.g. "coral", "tfjs-multi", "tfjs-single"
};

nlohmann::ordered_json PoseToJson(const Pose& pose);
nlohmann::ordered_json PosesToJsonValue(const std::vector<Pose>& poses, const JsonImageInfo& image,
                                        const JsonModelInfo& model);

// The document as text, indented by `indent` spaces (-1: one line), ending with a newline.
std::string PosesToJson(const std::vector<Pose>& poses, const JsonImageInfo& image,
                        const JsonModelInfo& model, int indent = 2);

// Writes `text` to `path` atomically (temporary file + rename), or to stdout when path is "-".
// Errors read "<path>: cannot write JSON: <reason>".
Status WriteTextFile(const std::string& path, const std::string& text);

}  // namespace posenet
