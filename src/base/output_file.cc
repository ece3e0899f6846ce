#include "base/output_file.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <utility>
#include <vector>

namespace posenet {
namespace {

struct Protected {
  dev_t dev;
  ino_t ino;
  std::string path;
};

std::mutex& ProtectedMutex() {
  static std::mutex m;
  return m;
}

std::vector<Protected>& ProtectedFiles() {
  static std::vector<Protected> files;
  return files;
}

// The registered input that is the same file as `st`, or nullptr.
const Protected* FindProtected(const struct stat& st) {
  for (const Protected& p : ProtectedFiles()) {
    if (p.dev == st.st_dev && p.ino == st.st_ino) return &p;
  }
  return nullptr;
}

// Why an existing file at an output path must not be replaced; "" when it may be.
std::string RefusalReason(const struct stat& st) {
  if (S_ISLNK(st.st_mode)) return "it is a symbolic link";
  if (S_ISDIR(st.st_mode)) return "it is a directory";
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "it is a device";
  if (S_ISFIFO(st.st_mode)) return "it is a FIFO";
  if (S_ISSOCK(st.st_mode)) return "it is a socket";
  if (!S_ISREG(st.st_mode)) return "it is not a regular file";
  std::lock_guard lock(ProtectedMutex());
  if (const Protected* p = FindProtected(st)) {
    return "it is an input of this run (" + p->path + ")";
  }
  return "";
}

// 16 random letters and digits for a temporary name nobody can predict.
std::string RandomSuffix() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[16] = {};
  size_t got = 0;
  while (got < sizeof(bytes)) {
#if defined(__EMSCRIPTEN__)  // no getrandom there; getentropy fills up to 256 bytes at once
    if (::getentropy(bytes, sizeof(bytes)) != 0) break;
    got = sizeof(bytes);
#else
    const ssize_t n = ::getrandom(bytes + got, sizeof(bytes) - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
#endif
  }
  std::string s;
  for (unsigned char b : bytes) s += kAlphabet[b % (sizeof(kAlphabet) - 1)];
  return s;
}

// Writes all of `data` at `offset`, retrying short writes and interruptions; errno on failure.
int WriteAll(int fd, const char* data, size_t size, int64_t offset) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, data, size, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) return EIO;
    data += n;
    size -= static_cast<size_t>(n);
    offset += n;
  }
  return 0;
}

// fsync of the folder holding `path`, so that a rename into it survives a power cut.
// Some file systems refuse fsync on folders (EINVAL); the rename stands then.
int SyncFolderOf(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return errno;
  const int result = ::fsync(dir) == 0 || errno == EINVAL ? 0 : errno;
  ::close(dir);
  return result;
}

}  // namespace

void ProtectInputFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;
  std::lock_guard lock(ProtectedMutex());
  if (FindProtected(st) == nullptr) ProtectedFiles().push_back({st.st_dev, st.st_ino, path});
}

std::string ErrnoReason(int error) {
  if (error == ENOSPC) return "no space left on device";
  std::string s = std::strerror(error);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

Status CheckOutputPath(const std::string& path, std::string_view what) {
  const auto fail = [&](const std::string& reason) {
    return Status::Error(path + ": cannot write " + std::string(what) + ": " + reason);
  };
  if (path.empty()) return fail("empty path");
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    return errno == ENOENT ? Status::Ok() : fail(ErrnoReason(errno));
  }
  const std::string refusal = RefusalReason(st);
  return refusal.empty() ? Status::Ok() : fail(refusal);
}

Result<std::unique_ptr<OutputFile>> OutputFile::Create(const std::string& path, std::string what) {
  POSENET_RETURN_IF_ERROR(CheckOutputPath(path, what));
  const std::filesystem::path p(path);
  const std::string name = p.filename().string();
  for (int attempt = 0; attempt < 8; ++attempt) {
    const std::string temp =
        (p.parent_path() / ("." + name + "." + RandomSuffix() + ".tmp")).string();
    // Read-write: a video cut short is read back to find its last complete fragment.
    const int fd = ::open(temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0) {
      return std::unique_ptr<OutputFile>(new OutputFile(path, std::move(what), temp, fd));
    }
    if (errno != EEXIST) {
      return Status::Error(path + ": cannot write " + what + ": " + ErrnoReason(errno));
    }
  }
  return Status::Error(path + ": cannot write " + what + ": no free temporary name");
}

OutputFile::OutputFile(std::string path, std::string what, std::string temp, int fd)
    : path_(std::move(path)), what_(std::move(what)), temp_(std::move(temp)), fd_(fd) {}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!published_ && !temp_.empty()) ::unlink(temp_.c_str());
}

Status OutputFile::Error(const std::string& reason) const {
  return Status::Error(path_ + ": cannot write " + what_ + ": " + reason);
}

Status OutputFile::Append(std::string_view data) {
  if (fd_ < 0) return Error("closed");
  const int error = WriteAll(fd_, data.data(), data.size(), size_);
  if (error != 0) {
    // Keep only whole records: cut what this call wrote (if it can be cut, it is).
    (void)::ftruncate(fd_, static_cast<off_t>(size_));
    return Error(ErrnoReason(error));
  }
  size_ += static_cast<int64_t>(data.size());
  return Status::Ok();
}

Status OutputFile::Sync() {
  if (fd_ < 0) return Error("closed");
  if (::fsync(fd_) != 0 && errno != EINVAL) return Error(ErrnoReason(errno));
  return Status::Ok();
}

Status OutputFile::AppendRecord(std::string_view data) {
  POSENET_RETURN_IF_ERROR(Append(data));
  return Publish();
}

Status OutputFile::Close() {
  if (fd_ < 0) return Status::Ok();
  if (!published_) {
    Discard();
    return Status::Ok();
  }
  const Status synced = Sync();
  const bool closed = ::close(fd_) == 0;
  const int error = errno;
  fd_ = -1;
  POSENET_RETURN_IF_ERROR(synced);
  return closed ? Status::Ok() : Error(ErrnoReason(error));
}

Status OutputFile::Truncate(int64_t size) {
  if (fd_ < 0) return Error("closed");
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) return Error(ErrnoReason(errno));
  size_ = size;
  return Status::Ok();
}

Status OutputFile::Publish() {
  if (published_) return Status::Ok();
  POSENET_RETURN_IF_ERROR(Sync());
  // Checked again: something may have appeared at the path while the data was computed.
  POSENET_RETURN_IF_ERROR(CheckOutputPath(path_, what_));
  if (::rename(temp_.c_str(), path_.c_str()) != 0) return Error(ErrnoReason(errno));
  published_ = true;
  if (const int error = SyncFolderOf(path_); error != 0) return Error(ErrnoReason(error));
  return Status::Ok();
}

void OutputFile::Discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink((published_ ? path_ : temp_).c_str());
  published_ = false;
  temp_.clear();
}

Status WriteFileAtomically(const std::string& path, const void* data, size_t size,
                           std::string what) {
  POSENET_ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> file,
                           OutputFile::Create(path, std::move(what)));
  POSENET_RETURN_IF_ERROR(file->Append({static_cast<const char*>(data), size}));
  return file->Publish();
}

}  // namespace posenet
