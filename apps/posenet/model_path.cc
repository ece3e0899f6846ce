#include "model_path.h"

#include <cstdlib>
#include <filesystem>

namespace posenet::cli {
namespace {

namespace fs = std::filesystem;

// The folder of the running program (Linux: /proc/self/exe), or "" when unknown.
fs::path ProgramFolder() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

bool IsFile(const fs::path& p) {
  std::error_code ec;
  return !p.empty() && p.is_absolute() && fs::is_regular_file(p, ec);
}

}  // namespace

std::string CachedStarterModelPath() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  fs::path base;
  if (xdg != nullptr && fs::path(xdg).is_absolute()) {
    base = xdg;
  } else if (home != nullptr && fs::path(home).is_absolute()) {
    base = fs::path(home) / ".cache";
  } else {
    return "";
  }
  return (base / "posenet" / "posenet_mobilenet_v1_100_257x257_multi_kpt_stripped.tflite").string();
}

Result<std::string> ResolveModelPath(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("POSENET_MODEL"); env != nullptr && *env) {
    return std::string(env);
  }
  const fs::path program = ProgramFolder();
  for (const fs::path& candidate :
       {program.empty() ? fs::path()
                        : program / ".." / "share" / "posenet" / "models" / kDefaultModelName,
        fs::path(POSENET_SHARED_DIR) / "data" / "models" / kDefaultModelName,
        fs::path(CachedStarterModelPath())}) {
    if (IsFile(candidate)) return candidate.lexically_normal().string();
  }
  return Status::Error(
      "cannot find a model: pass --model FILE or set POSENET_MODEL; Google's starter model "
      "can be downloaded with 'posenet fetch-model' (from " +
      std::string(kStarterModelUrl) + ")");
}

}  // namespace posenet::cli
