// Video results as JSON Lines: one JSON object per frame, one line each,
//   {"frame": 0, "timestamp_ms": 0.0, "image": {...}, "model": {...}, "poses": [...]}
// where image, model and poses follow the picture schema (docs/json-schema.md) and poses
// carry their track "id". Every line is flushed as soon as it is written, so a crash or an
// error leaves a file whose every line is a complete frame.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "io/json_writer.h"
#include "posenet/pose.h"

namespace posenet {

// One frame's line, without the trailing newline.
std::string FrameToJsonLine(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses,
                            const JsonImageInfo& image, const JsonModelInfo& model);

class JsonlWriter {
 public:
  // Creates (truncates) `path`; "-" writes to stdout. Errors: "<path>: cannot write JSONL: ...".
  static Result<std::unique_ptr<JsonlWriter>> Open(const std::string& path);
  ~JsonlWriter();
  JsonlWriter(const JsonlWriter&) = delete;
  JsonlWriter& operator=(const JsonlWriter&) = delete;

  Status Write(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses,
               const JsonImageInfo& image, const JsonModelInfo& model);
  Status Close();

 private:
  JsonlWriter(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  std::string path_;
  std::FILE* file_;
};

}  // namespace posenet
