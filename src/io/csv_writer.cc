#include "io/csv_writer.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>

namespace posenet {
namespace {

// Shortest round-trip form; empty for NaN and infinities (an empty CSV field).
void AppendNumber(std::string& out, double v) {
  if (!std::isfinite(v)) return;
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

void AppendNumber(std::string& out, float v) {
  if (!std::isfinite(v)) return;
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

}  // namespace

std::string FrameToCsvRows(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses) {
  std::string out;
  for (const Pose& pose : poses) {
    for (int k = 0; k < kNumKeypoints; ++k) {
      const Keypoint& kp = pose.keypoints[k];
      out += std::to_string(frame);
      out += ',';
      AppendNumber(out, timestamp_ms);
      out += ',' + std::to_string(pose.id) + ',';
      AppendNumber(out, pose.score);
      out += ',' + std::to_string(k) + ',';
      out += KeypointName(k);
      out += ',';
      AppendNumber(out, kp.x);
      out += ',';
      AppendNumber(out, kp.y);
      out += ',';
      AppendNumber(out, kp.score);
      out += '\n';
    }
  }
  return out;
}

Result<std::unique_ptr<CsvWriter>> CsvWriter::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return Status::Error(path + ": cannot write CSV: " + std::strerror(errno));
  std::unique_ptr<CsvWriter> writer(new CsvWriter(path, file));
  const std::string header = std::string(kCsvHeader) + "\n";
  if (std::fwrite(header.data(), 1, header.size(), file) != header.size() ||
      std::fflush(file) != 0) {
    return Status::Error(path + ": cannot write CSV: " + std::strerror(errno));
  }
  return writer;
}

CsvWriter::~CsvWriter() { (void)Close(); }

Status CsvWriter::Write(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses) {
  if (file_ == nullptr) return Status::Error(path_ + ": cannot write CSV: closed");
  const std::string rows = FrameToCsvRows(frame, timestamp_ms, poses);
  if (std::fwrite(rows.data(), 1, rows.size(), file_) != rows.size() || std::fflush(file_) != 0) {
    return Status::Error(path_ + ": cannot write CSV: " + std::strerror(errno));
  }
  return Status::Ok();
}

Status CsvWriter::Close() {
  if (file_ == nullptr) return Status::Ok();
  std::FILE* file = file_;
  file_ = nullptr;
  return std::fclose(file) == 0
             ? Status::Ok()
             : Status::Error(path_ + ": cannot write CSV: " + std::strerror(errno));
}

}  // namespace posenet
