#include "io/jsonl_writer.h"

#include <cerrno>
#include <cstdio>

namespace posenet {

std::string FrameToJsonLine(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses,
                            const JsonImageInfo& image, const JsonModelInfo& model) {
  nlohmann::ordered_json line;
  line["frame"] = frame;
  line["timestamp_ms"] = timestamp_ms;
  nlohmann::ordered_json picture = PosesToJsonValue(poses, image, model);
  line["image"] = std::move(picture["image"]);
  line["model"] = std::move(picture["model"]);
  line["poses"] = std::move(picture["poses"]);
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::unique_ptr<JsonlWriter>> JsonlWriter::Open(const std::string& path) {
  if (path == "-") return std::unique_ptr<JsonlWriter>(new JsonlWriter(path, nullptr));
  POSENET_ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> file, OutputFile::Create(path, "JSONL"));
  return std::unique_ptr<JsonlWriter>(new JsonlWriter(path, std::move(file)));
}

JsonlWriter::~JsonlWriter() { (void)Close(); }

Status JsonlWriter::Write(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses,
                          const JsonImageInfo& image, const JsonModelInfo& model) {
  if (closed_) return Status::Error(path_ + ": cannot write JSONL: closed");
  const std::string text = FrameToJsonLine(frame, timestamp_ms, poses, image, model) + "\n";
  if (file_ != nullptr) return file_->AppendRecord(text);
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    return Status::Error(path_ + ": cannot write JSONL: " + ErrnoReason(errno));
  }
  return Status::Ok();
}

Status JsonlWriter::Close() {
  if (closed_) return Status::Ok();
  closed_ = true;
  if (file_ != nullptr) return file_->Close();
  return std::fflush(stdout) == 0
             ? Status::Ok()
             : Status::Error(path_ + ": cannot write JSONL: " + ErrnoReason(errno));
}

}  // namespace posenet
