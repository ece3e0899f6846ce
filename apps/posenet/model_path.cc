#include "model_path.h"

#include <cstdlib>
#include <filesystem>

namespace posenet::cli {

std::string CachedStarterModelPath() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  const std::filesystem::path base =
      xdg != nullptr && *xdg ? std::filesystem::path(xdg)
                             : std::filesystem::path(home != nullptr ? home : ".") / ".cache";
  return (base / "posenet" / "posenet_mobilenet_v1_100_257x257_multi_kpt_stripped.tflite").string();
}

Result<std::string> ResolveModelPath(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("POSENET_MODEL"); env != nullptr && *env) {
    return std::string(env);
  }
  const std::string shared = "data/models/posenet_mobilenet_v1_075_481_641_quant_decoder.tflite";
  for (const std::filesystem::path& root :
       {std::filesystem::path("../shared"), std::filesystem::path(POSENET_SHARED_DIR)}) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(root / shared, ec)) return (root / shared).string();
  }
  const std::string cached = CachedStarterModelPath();
  std::error_code ec;
  if (std::filesystem::is_regular_file(cached, ec)) return cached;
  return Status::Error(
      "cannot find a model: pass --model FILE or set POSENET_MODEL; Google's starter model "
      "can be downloaded with 'posenet fetch-model' (from " +
      std::string(kStarterModelUrl) + ")");
}

}  // namespace posenet::cli
