#include "cli_common.h"

#include "base/printable.h"

#include <sched.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace posenet::cli {

int Fail(const std::string& message) {
  // Messages quote files (names, paths): nothing in them may reach the terminal as control.
  std::fprintf(stderr, "posenet: %s\n", EscapeNonPrintable(message).c_str());
  return 1;
}

int Fail(const Status& status) { return Fail(status.message()); }

void AddMaxMemoryFlag(CLI::App* cmd, int64_t& bytes) {
  cmd->add_option("--max-memory", bytes,
                  "Memory one session may take: arena, scratch, constants, packed weights "
                  "(e.g. 512M, 2G; default a quarter of physical memory, at most 4G); more is "
                  "refused")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::NonNegativeNumber);
}

Status CheckOutputFolder(const std::string& path) {
  if (path.empty() || path == "-") return Status::Ok();
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (parent.empty() || std::filesystem::is_directory(parent, ec)) return Status::Ok();
  return Status::Error(path + ": cannot write: folder " + parent.string() + " does not exist");
}

bool UsesStdout(const std::vector<std::pair<const char*, const std::string*>>& outputs) {
  for (const auto& [flag, path] : outputs) {
    if (*path == "-") return true;
  }
  return false;
}

Status CheckStdoutOutputs(const std::vector<std::pair<const char*, const std::string*>>& outputs) {
  const char* first = nullptr;
  for (const auto& [flag, path] : outputs) {
    if (*path != "-") continue;
    if (first != nullptr) {
      return Status::Error(std::string("cannot write both ") + first + " and " + flag +
                           " to stdout ('-'); give one a file");
    }
    first = flag;
  }
  return Status::Ok();
}

Status ParseSize(const std::string& text, int& height, int& width) {
  const size_t x = text.find('x');
  try {
    if (x == std::string::npos) throw std::invalid_argument("no x");
    size_t used_h = 0, used_w = 0;
    height = std::stoi(text.substr(0, x), &used_h);
    width = std::stoi(text.substr(x + 1), &used_w);
    if (used_h != x || used_w != text.size() - x - 1) throw std::invalid_argument("junk");
  } catch (const std::exception&) {
    return Status::Error("cannot parse size '" + text + "': expected HxW, e.g. 353x481");
  }
  if (height < 1 || width < 1 || height > 16384 || width > 16384) {
    return Status::Error("cannot use size '" + text + "': sides must be 1-16384");
  }
  return Status::Ok();
}

int ResolveThreads(int flag) {
  if (flag > 0) return flag;
  // The CPUs this process may run on (a container's share), else what the machine has.
  int cores = 0;
#if defined(__linux__)  // Emscripten's C library has no sched_getaffinity
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) cores = CPU_COUNT(&set);
#endif
  if (cores <= 0) cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(cores, 1, 256);
}

std::string TensorFileName(const std::string& tensor_name) {
  std::string s = tensor_name;
  for (char& c : s) {
    if (c == '/' || c == '\\' || c == ':' || c == ' ') c = '_';
  }
  return s;
}

}  // namespace posenet::cli
