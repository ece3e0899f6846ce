#include "io/jsonl_writer.h"

#include <cerrno>
#include <cstring>

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
  std::FILE* file = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return Status::Error(path + ": cannot write JSONL: " + std::strerror(errno));
  }
  return std::unique_ptr<JsonlWriter>(new JsonlWriter(path, file));
}

JsonlWriter::~JsonlWriter() { (void)Close(); }

Status JsonlWriter::Write(int64_t frame, double timestamp_ms, const std::vector<Pose>& poses,
                          const JsonImageInfo& image, const JsonModelInfo& model) {
  if (file_ == nullptr) return Status::Error(path_ + ": cannot write JSONL: closed");
  const std::string text = FrameToJsonLine(frame, timestamp_ms, poses, image, model) + "\n";
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size() || std::fflush(file_) != 0) {
    return Status::Error(path_ + ": cannot write JSONL: " + std::strerror(errno));
  }
  return Status::Ok();
}

Status JsonlWriter::Close() {
  if (file_ == nullptr) return Status::Ok();
  std::FILE* file = file_;
  file_ = nullptr;
  const bool ok = file == stdout ? std::fflush(file) == 0 : std::fclose(file) == 0;
  return ok ? Status::Ok() : Status::Error(path_ + ": cannot write JSONL: " + std::strerror(errno));
}

}  // namespace posenet
