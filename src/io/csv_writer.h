// Video results as CSV: a header, then one row per frame, person and keypoint:
//   frame,timestamp_ms,person_id,pose_score,keypoint_id,keypoint,x,y,score
// person_id is the track id (-1 when untracked). Frames without people have no rows. Rows
// are written per frame (whole rows: a failed write is cut back), so an interrupted run
// leaves complete frames; a run that writes no frame leaves no file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/output_file.h"
#include "base/status.h"
#include "posenet/pose.h"

namespace posenet {

inline constexpr const char* kCsvHeader =
    "frame,timestamp_ms,person_id,pose_score,keypoint_id,keypoint,x,y,score";

// The rows of one frame, each ending with '\n'.
std::string FrameToCsvRows(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses);

class CsvWriter {
 public:
  // Prepares `path` (base/output_file.h: never a device, FIFO, link or input) with the header;
  // the file appears with the first frame, whole rows only. Errors: "<path>: cannot write CSV:
  // ...".
  static Result<std::unique_ptr<CsvWriter>> Open(const std::string& path);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  Status Write(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses);
  Status Close();

 private:
  explicit CsvWriter(std::unique_ptr<OutputFile> file) : file_(std::move(file)) {}
  std::unique_ptr<OutputFile> file_;
};

}  // namespace posenet
