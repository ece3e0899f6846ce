// posenet fetch-model: downloads Google's float starter model into the cache folder (libcurl).
#include <curl/curl.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/file.h"
#include "base/output_file.h"
#include "cli_common.h"
#include "commands.h"
#include "model_path.h"
#include "posenet/posenet.h"

namespace posenet::cli {
namespace {

struct FetchArgs {
  std::string url = kStarterModelUrl;
  std::string out;
};

size_t Append(char* data, size_t size, size_t count, void* user) {
  auto* bytes = static_cast<std::vector<uint8_t>*>(user);
  if (bytes->size() + size * count > (size_t{1} << 28)) return 0;  // 256 MiB: not a PoseNet
  bytes->insert(bytes->end(), data, data + size * count);
  return size * count;
}

int RunFetch(const FetchArgs& args) {
  const std::string out = args.out.empty() ? CachedStarterModelPath() : args.out;
  std::vector<uint8_t> bytes;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Fail("cannot download model: libcurl failed to start");
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, args.url.c_str());
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 300L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &bytes);
  const CURLcode code = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  if (code != CURLE_OK) {
    return Fail("cannot download " + args.url + ": " +
                (error[0] ? std::string(error) : curl_easy_strerror(code)));
  }
  // Verify before keeping it: the same checks as any model file.
  auto model = Model::LoadFromBuffer(bytes, args.url);
  if (!model.ok()) return Fail(model.status());
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(out).parent_path(), ec);
  Status s = WriteFileAtomically(out, bytes.data(), bytes.size());
  if (!s.ok()) return Fail(s);
  std::printf("%s\n", out.c_str());
  return 0;
}

}  // namespace

void RegisterFetchModel(CLI::App& app, Runner& run) {
  auto a = std::make_shared<FetchArgs>();
  CLI::App* cmd = app.add_subcommand("fetch-model",
                                     "Download Google's float starter model into the cache folder");
  cmd->add_option("--url", a->url, "Where to download from")->capture_default_str();
  cmd->add_option("--out", a->out, "Where to save it (default: the cache folder)");
  cmd->callback([a, &run] { run = [a] { return RunFetch(*a); }; });
}

}  // namespace posenet::cli
