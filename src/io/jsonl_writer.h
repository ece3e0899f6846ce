// Video results as JSON Lines: one JSON object per frame, one line each,
//   {"frame": 0, "timestamp_ms": 0.0, "image": {...}, "model": {...}, "poses": [...]}
// where image, model and poses follow the picture schema (docs/json-schema.md) and poses
// carry their track "id". Every line is written whole as soon as it is ready (a failed write
// is cut back), so a crash or an error leaves a file whose every line is a complete frame; a
// run that writes no frame leaves no file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "base/output_file.h"
#include "base/status.h"
#include "io/json_writer.h"
#include "posenet/pose.h"

namespace posenet {

// One frame's line, without the trailing newline.
std::string FrameToJsonLine(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses,
                            const JsonImageInfo& image, const JsonModelInfo& model);

class JsonlWriter {
 public:
  // Prepares `path` (base/output_file.h: never a device, FIFO, link or input; the file appears
  // with the first line); "-" writes to stdout. Errors: "<path>: cannot write JSONL: ...".
  static Result<std::unique_ptr<JsonlWriter>> Open(const std::string& path);
  ~JsonlWriter();
  JsonlWriter(const JsonlWriter&) = delete;
  JsonlWriter& operator=(const JsonlWriter&) = delete;

  Status Write(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses,
               const JsonImageInfo& image, const JsonModelInfo& model);
  Status Close();

 private:
  JsonlWriter(std::string path, std::unique_ptr<OutputFile> file)
      : path_(std::move(path)), file_(std::move(file)) {}
  std::string path_;
  std::unique_ptr<OutputFile> file_;  // null for stdout
  bool closed_ = false;
};

}  // namespace posenet
