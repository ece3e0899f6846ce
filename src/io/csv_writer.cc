#include "io/csv_writer.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>

namespace posenet {
namespace {

// Shortest round-trip form; empty for NaN and infinities (an empty CSV field).
template <typename T>
void AppendNumber(std::string& out, T v) {
  if (!std::isfinite(v)) return;
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

// A text field, quoted when it holds a separator, a quote or a line break.
void AppendText(std::string& out, const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendKeypoint(std::string& out, const Keypoint& kp) {
  AppendNumber(out, kp.x);
  out += ',';
  AppendNumber(out, kp.y);
  out += ',';
  AppendNumber(out, kp.score);
}

// `key`: the leading columns of every row of this frame or picture; `who`: the person column.
std::string Rows(const std::string& key, const std::vector<Pose>& poses, CsvLayout layout,
                 bool track_ids) {
  std::string out;
  for (size_t i = 0; i < poses.size(); ++i) {
    const Pose& pose = poses[i];
    std::string person = key;
    person += std::to_string(track_ids ? pose.id : static_cast<int>(i)) + ',';
    AppendNumber(person, pose.score);
    if (layout == CsvLayout::kWide) {
      out += person;
      for (const Keypoint& kp : pose.keypoints) {
        out += ',';
        AppendKeypoint(out, kp);
      }
      out += '\n';
      continue;
    }
    for (int k = 0; k < kNumKeypoints; ++k) {
      out += person;
      out += ',' + std::to_string(k) + ',';
      out += KeypointName(k);
      out += ',';
      AppendKeypoint(out, pose.keypoints[k]);
      out += '\n';
    }
  }
  return out;
}

}  // namespace

std::string CsvHeader(CsvSubject subject, CsvLayout layout) {
  std::string header = subject == CsvSubject::kVideo ? "frame,timestamp_ms,person_id,pose_score"
                                                     : "image,person,pose_score";
  if (layout == CsvLayout::kLong) return header + ",keypoint_id,keypoint,x,y,score";
  for (int k = 0; k < kNumKeypoints; ++k) {
    const std::string name(KeypointName(k));
    header += "," + name + "_x," + name + "_y," + name + "_score";
  }
  return header;
}

std::string FrameToCsvRows(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses,
                           CsvLayout layout) {
  std::string key = std::to_string(frame) + ',';
  AppendNumber(key, timestamp_ms);
  key += ',';
  return Rows(key, poses, layout, true);
}

std::string PictureToCsvRows(const std::string& image, const std::vector<Pose>& poses,
                             CsvLayout layout) {
  std::string key;
  AppendText(key, image);
  key += ',';
  return Rows(key, poses, layout, false);
}

Result<std::unique_ptr<CsvWriter>> CsvWriter::Open(const std::string& path, CsvSubject subject,
                                                   CsvLayout layout) {
  std::FILE* file = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
  if (file == nullptr) return Status::Error(path + ": cannot write CSV: " + std::strerror(errno));
  std::unique_ptr<CsvWriter> writer(new CsvWriter(path, file, layout));
  POSENET_RETURN_IF_ERROR(writer->Put(CsvHeader(subject, layout) + "\n"));
  return writer;
}

CsvWriter::~CsvWriter() { (void)Close(); }

Status CsvWriter::Put(const std::string& text) {
  if (file_ == nullptr) return Status::Error(path_ + ": cannot write CSV: closed");
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size() || std::fflush(file_) != 0) {
    return Status::Error(path_ + ": cannot write CSV: " + std::strerror(errno));
  }
  return Status::Ok();
}

Status CsvWriter::Write(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses) {
  return Put(FrameToCsvRows(frame, timestamp_ms, poses, layout_));
}

Status CsvWriter::WritePicture(const std::string& image, const std::vector<Pose>& poses) {
  return Put(PictureToCsvRows(image, poses, layout_));
}

Status CsvWriter::Close() {
  if (file_ == nullptr) return Status::Ok();
  std::FILE* file = file_;
  file_ = nullptr;
  const bool ok = file == stdout ? std::fflush(file) == 0 : std::fclose(file) == 0;
  return ok ? Status::Ok() : Status::Error(path_ + ": cannot write CSV: " + std::strerror(errno));
}

}  // namespace posenet
