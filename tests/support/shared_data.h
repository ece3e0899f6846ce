// Locating ../shared (models, pictures, references) and the build's own binaries from tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace posenet::testing {

// Absolute path of `relative` inside the shared folder ($POSENET_SHARED_DIR, else the folder
// beside the checkout that CMake recorded). Fails the current test if the file is missing.
std::string SharedPath(const std::string& relative);

// The whole file at `path`; fails the current test if it cannot be read.
std::vector<uint8_t> ReadBytes(const std::string& path);

// The lines of a text file (none, and a test failure, if it cannot be read).
std::vector<std::string> ReadLines(const std::string& path);

// Path of a program built by this build tree (e.g. "apps/posenet/posenet").
std::string BuiltProgram(const std::string& relative);

// A fresh empty temporary folder for the current test.
std::string TempDir();

}  // namespace posenet::testing
