#include "io/csv_writer.h"

#include <charconv>
#include <cmath>

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
  POSENET_ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> file, OutputFile::Create(path, "CSV"));
  POSENET_RETURN_IF_ERROR(file->Append(std::string(kCsvHeader) + "\n"));
  return std::unique_ptr<CsvWriter>(new CsvWriter(std::move(file)));
}

CsvWriter::~CsvWriter() { (void)Close(); }

Status CsvWriter::Write(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses) {
  return file_->AppendRecord(FrameToCsvRows(frame, timestamp_ms, poses));
}

Status CsvWriter::Close() { return file_->Close(); }

}  // namespace posenet
