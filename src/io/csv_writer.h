// Results as CSV, for videos (one row group per frame) and pictures (per picture), in two
// layouts:
//   long (default): one row per frame or picture, person and keypoint
//     video:   frame,timestamp_ms,person_id,pose_score,keypoint_id,keypoint,x,y,score
//     picture: image,person,pose_score,keypoint_id,keypoint,x,y,score
//   wide: one row per frame or picture and person, three columns per keypoint
//     video:   frame,timestamp_ms,person_id,pose_score,nose_x,nose_y,nose_score,...
//     picture: image,person,pose_score,nose_x,nose_y,nose_score,...
// person_id is the track id (-1 when untracked); person is the pose's position in the
// picture's list (0 = first). Frames and pictures without people have no rows. Non-finite
// numbers are empty fields; an image path holding a comma, quote or line break is quoted
// (RFC 4180). Rows are written per frame or picture (whole rows: a failed write is cut back),
// so an interrupted run leaves complete frames; a run that writes no rows leaves no file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/output_file.h"
#include "base/status.h"
#include "posenet/pose.h"

namespace posenet {

enum class CsvLayout { kLong, kWide };
enum class CsvSubject { kVideo, kPicture };

// The header line, without the trailing newline.
std::string CsvHeader(CsvSubject subject, CsvLayout layout);

// The rows of one video frame / one picture, each ending with '\n'.
std::string FrameToCsvRows(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses,
                           CsvLayout layout = CsvLayout::kLong);
std::string PictureToCsvRows(const std::string& image, const std::vector<Pose>& poses,
                             CsvLayout layout = CsvLayout::kLong);

class CsvWriter {
 public:
  // Prepares `path` (base/output_file.h: never a device, FIFO, link or input; the file appears
  // with the first rows) with the header; "-" writes to stdout. Errors: "<path>: cannot write
  // CSV: ...".
  static Result<std::unique_ptr<CsvWriter>> Open(const std::string& path,
                                                 CsvSubject subject = CsvSubject::kVideo,
                                                 CsvLayout layout = CsvLayout::kLong);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  Status Write(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses);
  Status WritePicture(const std::string& image, const std::vector<Pose>& poses);
  Status Close();

 private:
  CsvWriter(std::string path, std::unique_ptr<OutputFile> file, CsvLayout layout)
      : path_(std::move(path)), file_(std::move(file)), layout_(layout) {}
  Status Put(const std::string& text);
  std::string path_;
  std::unique_ptr<OutputFile> file_;  // null for stdout
  CsvLayout layout_;
  bool closed_ = false;
};

}  // namespace posenet
