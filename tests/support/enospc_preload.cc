/* A full disk where a test cannot mount a small tmpfs (no privileges): preloaded with
 * LD_PRELOAD, it makes writes to files inside $POSENET_ENOSPC_DIR fail with ENOSPC once the
 * files there hold $POSENET_ENOSPC_BYTES bytes in all, as a file system of that size would (the
 * last write that fits is cut short, as on a real disk). The budget is the folder's contents,
 * so it is shared by every process that has the library preloaded (the tool and the ffmpeg it
 * starts). Only write, pwrite and writev are intercepted: what the tool and FFmpeg's file
 * output use. */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

extern "C" {

/* Bytes this write may still put into the folder, or -1 when `fd` is not a file inside it. */
static long long Room(int fd) {
  const char* dir = getenv("POSENET_ENOSPC_DIR");
  const char* budget = getenv("POSENET_ENOSPC_BYTES");
  if (dir == nullptr || budget == nullptr || fd < 0) return -1;
  char link[64], path[PATH_MAX];
  snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
  const ssize_t n = readlink(link, path, sizeof(path) - 1);
  if (n <= 0) return -1;
  path[n] = '\0';
  const size_t len = strlen(dir);
  if (strncmp(path, dir, len) != 0 || path[len] != '/') return -1;
  long long used = 0;
  DIR* d = opendir(dir);
  if (d == nullptr) return -1;
  for (struct dirent* e; (e = readdir(d)) != nullptr;) {
    char file[PATH_MAX];
    struct stat st;
    snprintf(file, sizeof(file), "%s/%s", dir, e->d_name);
    if (e->d_name[0] != '.' || strlen(e->d_name) > 2) {
      if (lstat(file, &st) == 0 && S_ISREG(st.st_mode)) used += st.st_size;
    }
  }
  closedir(d);
  const long long room = atoll(budget) - used;
  return room < 0 ? 0 : room;
}

/* How much of `size` bytes to let through: all, part (then the next write fails), or none. */
static ssize_t Allowed(int fd, size_t size) {
  const long long room = Room(fd);
  if (room < 0 || (long long)size <= room) return (ssize_t)size;
  if (room == 0) {
    errno = ENOSPC;
    return -1;
  }
  return (ssize_t)room;
}

ssize_t write(int fd, const void* buf, size_t count) {
  static ssize_t (*real)(int, const void*, size_t);
  if (real == nullptr) real = (ssize_t(*)(int, const void*, size_t))dlsym(RTLD_NEXT, "write");
  const ssize_t allowed = Allowed(fd, count);
  return allowed < 0 ? -1 : real(fd, buf, (size_t)allowed);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  static ssize_t (*real)(int, const void*, size_t, off_t);
  if (real == nullptr)
    real = (ssize_t(*)(int, const void*, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
  const ssize_t allowed = Allowed(fd, count);
  return allowed < 0 ? -1 : real(fd, buf, (size_t)allowed, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off_t offset) {
  return pwrite(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int iovcnt) {
  static ssize_t (*real)(int, const struct iovec*, int);
  if (real == nullptr) real = (ssize_t(*)(int, const struct iovec*, int))dlsym(RTLD_NEXT, "writev");
  size_t total = 0;
  for (int i = 0; i < iovcnt; ++i) total += iov[i].iov_len;
  const ssize_t allowed = Allowed(fd, total);
  if (allowed < 0) return -1;
  if ((size_t)allowed == total) return real(fd, iov, iovcnt);
  return write(
      fd, iovcnt > 0 ? iov[0].iov_base : nullptr,
      (size_t)allowed < (iovcnt > 0 ? iov[0].iov_len : 0) ? (size_t)allowed : iov[0].iov_len);
}

}  // extern "C"
