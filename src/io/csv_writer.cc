#include "io/csv_writer.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>

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
  const std::string header = CsvHeader(subject, layout) + "\n";
  if (path == "-") {
    std::unique_ptr<CsvWriter> writer(new CsvWriter(path, nullptr, layout));
    POSENET_RETURN_IF_ERROR(writer->Put(header));
    return writer;
  }
  POSENET_ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> file, OutputFile::Create(path, "CSV"));
  // Not yet published: the file appears with its first rows.
  POSENET_RETURN_IF_ERROR(file->Append(header));
  return std::unique_ptr<CsvWriter>(new CsvWriter(path, std::move(file), layout));
}

CsvWriter::~CsvWriter() { (void)Close(); }

Status CsvWriter::Put(const std::string& text) {
  if (closed_) return Status::Error(path_ + ": cannot write CSV: closed");
  if (file_ != nullptr) return file_->AppendRecord(text);
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    return Status::Error(path_ + ": cannot write CSV: " + ErrnoReason(errno));
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
  if (closed_) return Status::Ok();
  closed_ = true;
  if (file_ != nullptr) return file_->Close();
  return std::fflush(stdout) == 0
             ? Status::Ok()
             : Status::Error(path_ + ": cannot write CSV: " + ErrnoReason(errno));
}

}  // namespace posenet
