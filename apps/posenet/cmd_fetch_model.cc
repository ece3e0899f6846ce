// posenet fetch-model: downloads Google's float starter model into the cache folder (libcurl).
// The network is not trusted: a pinned checksum, http(s) only, few redirects and only to
// https, a size limit, a connect timeout, a minimum speed and an overall timeout; the file is
// verified as a model and written through an OutputFile into a folder only its owner can read.
#include <curl/curl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/output_file.h"
#include "cli_common.h"
#include "commands.h"
#include "digest.h"
#include "model_path.h"
#include "posenet/posenet.h"

namespace posenet::cli {
namespace {

// The starter model as published, identified by git's blob id of the same file committed in
// github.com/Qengineering/TensorFlow_Lite_Pose_RPi_64-bits and _32-bits (both list
// posenet_mobilenet_v1_100_257x257_multi_kpt_stripped.tflite as this blob). No SHA-256 of it
// is published anywhere we could find; --sha256 pins one for any URL.
constexpr const char* kStarterModelGitBlobId = "d8b8b3234adfeea244b979613872ab6fee421c89";

struct FetchArgs {
  std::string url = kStarterModelUrl;
  std::string out;
  std::string sha256;
  long timeout_seconds = 180;
};

struct Download {
  std::vector<uint8_t> bytes;
  bool too_large = false;
};

size_t Append(char* data, size_t size, size_t count, void* user) {
  auto* d = static_cast<Download*>(user);
  const size_t n = size * count;
  if (d->bytes.size() + n > Model::kMaxFileBytes) {
    d->too_large = true;
    return 0;  // curl stops with CURLE_WRITE_ERROR
  }
  d->bytes.insert(d->bytes.end(), data, data + n);
  return n;
}

bool IsHex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Creates `folder` and its missing parents with mode 0700.
Status MakePrivateFolder(const std::filesystem::path& folder) {
  if (folder.empty()) return Status::Ok();
  struct stat st {};
  if (::lstat(folder.c_str(), &st) != 0) {
    if (errno != ENOENT)
      return Status::Error(folder.string() + ": cannot use folder: " + ErrnoReason(errno));
    POSENET_RETURN_IF_ERROR(MakePrivateFolder(folder.parent_path()));
    if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
      return Status::Error(folder.string() + ": cannot create folder: " + ErrnoReason(errno));
    }
    return Status::Ok();
  }
  if (!S_ISDIR(st.st_mode))
    return Status::Error(folder.string() + ": cannot use folder: it is not a folder");
  return Status::Ok();
}

// The cache folder, readable by its owner only: an existing one of this user's is tightened to
// 0700, so that nobody else can swap the model it holds.
Status MakeCacheFolder(const std::filesystem::path& folder) {
  POSENET_RETURN_IF_ERROR(MakePrivateFolder(folder));
  struct stat st {};
  if (::lstat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return Status::Error(folder.string() + ": cannot use folder: it is not a folder");
  }
  if (st.st_uid == ::geteuid() && (st.st_mode & 0077) != 0 && ::chmod(folder.c_str(), 0700) != 0) {
    return Status::Error(folder.string() + ": cannot make folder private: " + ErrnoReason(errno));
  }
  return Status::Ok();
}

Result<std::vector<uint8_t>> Get(const FetchArgs& args) {
  const auto fail = [&](const std::string& reason) {
    return Status::Error("cannot download " + args.url + ": " + reason);
  };
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (curl == nullptr) return fail("libcurl failed to start");
  Download download;
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, args.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, args.timeout_seconds);
  // A server that stalls: under 1 KB/s for 20 s ends the transfer.
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 20L);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(Model::kMaxFileBytes));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &download);
  const CURLcode code = curl_easy_perform(c);
  if (download.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return fail("larger than " + std::to_string(Model::kMaxFileBytes) +
                " bytes (not a PoseNet model)");
  }
  if (code != CURLE_OK) return fail(error[0] ? std::string(error) : curl_easy_strerror(code));
  return std::move(download.bytes);
}

// The pinned checksum, if any, must match.
Status Verify(const FetchArgs& args, const std::vector<uint8_t>& bytes) {
  const auto mismatch = [&](const std::string& what, const std::string& expected,
                            const std::string& found) {
    return Status::Error("cannot use " + args.url + ": " + what + " mismatch: expected " +
                         expected + ", found " + found + " (not the model pinned)");
  };
  if (!args.sha256.empty()) {
    const std::string found = Sha256Hex(bytes);
    if (found != Lower(args.sha256)) return mismatch("SHA-256", Lower(args.sha256), found);
    return Status::Ok();
  }
  if (args.url == kStarterModelUrl) {
    const std::string found = GitBlobIdHex(bytes);
    if (found != kStarterModelGitBlobId)
      return mismatch("checksum (git blob id)", kStarterModelGitBlobId, found);
  }
  return Status::Ok();
}

int RunFetch(const FetchArgs& args) {
  if (!args.sha256.empty() && !IsHex64(args.sha256)) {
    return Fail("cannot use --sha256 " + args.sha256 + ": expected 64 hex digits");
  }
  const std::string out = args.out.empty() ? CachedStarterModelPath() : args.out;
  if (out.empty())
    return Fail("cannot find the cache folder: set HOME or XDG_CACHE_HOME, or give --out");
  if (Status s = CheckOutputPath(out, "model"); !s.ok()) return Fail(s);
  if (args.out.empty()) {
    if (Status s = MakeCacheFolder(std::filesystem::path(out).parent_path()); !s.ok())
      return Fail(s);
  }
  auto bytes = Get(args);
  if (!bytes.ok()) return Fail(bytes.status());
  if (Status s = Verify(args, *bytes); !s.ok()) return Fail(s);
  // Verify before keeping it: the same checks as any model file.
  auto model = Model::LoadFromBuffer(*bytes, args.url);
  if (!model.ok()) return Fail(model.status());
  if (Status s = WriteFileAtomically(out, bytes->data(), bytes->size()); !s.ok()) return Fail(s);
  std::printf("%s\n", out.c_str());
  return 0;
}

}  // namespace

void RegisterFetchModel(CLI::App& app, Runner& run) {
  auto a = std::make_shared<FetchArgs>();
  CLI::App* cmd = app.add_subcommand("fetch-model",
                                     "Download Google's float starter model into the cache folder");
  cmd->add_option("--url", a->url, "Where to download from (http or https)")->capture_default_str();
  cmd->add_option("--sha256", a->sha256,
                  "The file's SHA-256 (64 hex digits); a mismatch is refused");
  cmd->add_option("--out", a->out, "Where to save it (default: the cache folder)");
  cmd->add_option("--timeout", a->timeout_seconds, "Give up after this many seconds")
      ->capture_default_str()
      ->check(CLI::Range(1L, 3600L));
  cmd->callback([a, &run] { run = [a] { return RunFetch(*a); }; });
}

}  // namespace posenet::cli
