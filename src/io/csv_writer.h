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
// (RFC 4180). Rows are flushed per frame, so an interrupted run leaves complete frames.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

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
  // Creates (truncates) `path` ("-": stdout) and writes the header. Errors: "<path>: cannot
  // write CSV: ...".
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
  CsvWriter(std::string path, std::FILE* file, CsvLayout layout)
      : path_(std::move(path)), file_(file), layout_(layout) {}
  Status Put(const std::string& text);
  std::string path_;
  std::FILE* file_;
  CsvLayout layout_;
};

}  // namespace posenet
