// Video results as CSV: a header, then one row per frame, person and keypoint:
//   frame,timestamp_ms,person_id,pose_score,keypoint_id,keypoint,x,y,score
// person_id is the track id (-1 when untracked). Frames without people have no rows. Rows
// are flushed per frame, so an interrupted run leaves complete frames.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "posenet/pose.h"

namespace posenet {

inline constexpr const char* kCsvHeader =
    "frame,timestamp_ms,person_id,pose_score,keypoint_id,keypoint,x,y,score";

// The rows of one frame, each ending with '\n'.
std::string FrameToCsvRows(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses);

class CsvWriter {
 public:
  // Creates (truncates) `path` and writes the header. Errors: "<path>: cannot write CSV: ...".
  static Result<std::unique_ptr<CsvWriter>> Open(const std::string& path);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  Status Write(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses);
  Status Close();

 private:
  CsvWriter(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  std::string path_;
  std::FILE* file_;
};

}  // namespace posenet
