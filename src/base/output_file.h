// Files the tool writes, made so that writing never destroys what it should not:
// - only regular files are replaced: an existing device node, FIFO, socket, directory or
//   symbolic link at the output path is refused (a symbolic link would be replaced, not its
//   target, which is never what the caller meant);
// - an output that is the same file (device and inode) as an input of the run or the model is
//   refused (inputs register themselves with ProtectInputFile);
// - data goes to a temporary file with an unpredictable name in the output's folder, created
//   with O_CREAT|O_EXCL|O_NOFOLLOW (a symbolic link planted there is never followed), and is
//   renamed over the output once complete and on disk (fsync), so the old file stays intact
//   until then and a failure leaves nothing behind;
// - every write is checked; errors read "<path>: cannot write <what>: <reason>", with ENOSPC
//   as "no space left on device".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace posenet {

// Registers a file this run reads (the model, a picture, a video) so that no output replaces
// it. A path that does not exist (a URL, a camera) is ignored. Thread-safe.
void ProtectInputFile(const std::string& path);

// The reason text for an errno value: strerror's, starting in lower case ("no space left on
// device", "permission denied").
std::string ErrnoReason(int error);

// Checks an output path before any work is done: ok when nothing is there or a regular file
// that is no protected input; otherwise "<path>: cannot write <what>: <reason>".
Status CheckOutputPath(const std::string& path, std::string_view what);

// One output file, written under its temporary name and published (renamed over `path`)
// when the caller says so. Not published when destroyed: the temporary file is removed.
class OutputFile {
 public:
  // Checks `path` (CheckOutputPath) and creates the temporary file beside it.
  static Result<std::unique_ptr<OutputFile>> Create(const std::string& path, std::string what);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Appends `data` whole: on any error the file is cut back to its size before the call, so
  // it only ever holds whole records (lines, rows).
  Status Append(std::string_view data);
  // Flushes the data to disk (fsync).
  Status Sync();
  // Makes the file visible at `path`: Sync, the output path checked again, rename over it,
  // the folder synced. Appends may continue afterwards (same file).
  Status Publish();
  // A stream of records (JSON lines, CSV rows): Append, then Publish at the first record, so
  // the file appears at its path with its first whole record and never holds a partial one.
  Status AppendRecord(std::string_view data);
  // Ends the file: published, it is synced and stays; never published, it is removed.
  Status Close();
  // Cuts the file to `size` bytes.
  Status Truncate(int64_t size);
  // Removes the file, published or not (a run that failed before producing anything).
  void Discard();

  int fd() const { return fd_; }
  int64_t size() const { return size_; }
  bool published() const { return published_; }
  const std::string& path() const { return path_; }
  // "<path>: cannot write <what>: <reason>".
  Status Error(const std::string& reason) const;

 private:
  OutputFile(std::string path, std::string what, std::string temp, int fd);
  std::string path_, what_, temp_;
  int fd_ = -1;
  int64_t size_ = 0;
  bool published_ = false;
};

// Writes `size` bytes to `path` as a whole (OutputFile: temporary file, fsync, rename).
// Errors: "<path>: cannot write <what>: <reason>".
Status WriteFileAtomically(const std::string& path, const void* data, size_t size,
                           std::string what = "file");

}  // namespace posenet
