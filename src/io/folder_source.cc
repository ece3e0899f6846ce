#include "io/folder_source.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace posenet {
namespace {

namespace fs = std::filesystem;

class FolderSource final : public FrameSource {
 public:
  FolderSource(SourceInfo info, std::vector<std::string> files, PictureReadOptions read)
      : info_(std::move(info)), files_(std::move(files)), read_(read) {}

  const SourceInfo& info() const override { return info_; }

  Result<bool> Next(VideoFrame& frame) override {
    if (next_ >= files_.size()) return false;
    const std::string& path = files_[next_];
    POSENET_ASSIGN_OR_RETURN(frame.image, ReadPicture(path, read_));
    frame.index = static_cast<int64_t>(next_);
    frame.timestamp_ms = 0;
    frame.path = path;
    ++next_;
    return true;
  }

 private:
  SourceInfo info_;
  std::vector<std::string> files_;
  PictureReadOptions read_;
  size_t next_ = 0;
};

template <typename Iterator>
Status Collect(Iterator it, const std::string& folder, std::vector<std::string>& out) {
  std::error_code ec;
  for (; it != Iterator(); it.increment(ec)) {
    if (ec) break;
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && HasPictureExtension(it->path().string())) {
      out.push_back(it->path().string());
    }
  }
  if (ec) return Status::Error(folder + ": cannot list folder: " + ec.message());
  return Status::Ok();
}

}  // namespace

bool HasPictureExtension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* known : {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff", ".ppm",
                            ".pgm", ".pbm", ".pnm", ".jp2", ".j2k"}) {
    if (ext == known) return true;
  }
  return false;
}

Result<std::vector<std::string>> ListPictures(const std::string& folder, bool recursive) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    return Status::Error(folder + ": cannot list folder: not a folder");
  }
  std::vector<std::string> files;
  const auto options = fs::directory_options::skip_permission_denied;
  if (recursive) {
    POSENET_RETURN_IF_ERROR(
        Collect(fs::recursive_directory_iterator(folder, options, ec), folder, files));
  } else {
    POSENET_RETURN_IF_ERROR(Collect(fs::directory_iterator(folder, options, ec), folder, files));
  }
  if (ec) return Status::Error(folder + ": cannot list folder: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

Result<std::unique_ptr<FrameSource>> OpenFolder(const std::string& folder, bool recursive,
                                                const PictureReadOptions& read) {
  POSENET_ASSIGN_OR_RETURN(std::vector<std::string> files, ListPictures(folder, recursive));
  if (files.empty()) return Status::Error(folder + ": cannot read folder: no pictures in it");
  SourceInfo info;
  info.name = folder;
  info.declared_frames = static_cast<int64_t>(files.size());
  return std::unique_ptr<FrameSource>(
      std::make_unique<FolderSource>(std::move(info), std::move(files), read));
}

}  // namespace posenet
