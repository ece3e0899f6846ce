#include "shared_data.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>

#include <filesystem>
#include <fstream>

#include "base/file.h"

namespace posenet::testing {

std::string SharedPath(const std::string& relative) {
  const char* env = std::getenv("POSENET_SHARED_DIR");
  const std::filesystem::path root = env != nullptr ? env : POSENET_SHARED_DIR;
  const std::filesystem::path p = root / relative;
  EXPECT_TRUE(std::filesystem::exists(p)) << "missing shared file " << p;
  return p.string();
}

std::vector<uint8_t> ReadBytes(const std::string& path) {
  auto bytes = ReadFileBytes(path);
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  return bytes.ok() ? std::move(bytes).value() : std::vector<uint8_t>{};
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string BuiltProgram(const std::string& relative) {
  const char* env = std::getenv("POSENET_BUILD_DIR");
  const std::filesystem::path p = std::filesystem::path(env != nullptr ? env : ".") / relative;
  EXPECT_TRUE(std::filesystem::exists(p)) << "missing program " << p;
  return p.string();
}

std::string TempDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path p = std::filesystem::temp_directory_path() / "posenet-tests" /
                            (std::string(info->test_suite_name()) + "." + info->name() + "." +
                             std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p.string();
}

}  // namespace posenet::testing
