// Whole files as strings, for tests that compare what a run left on disk.
#pragma once

#include <string>

namespace posenet::testing {

// The whole file at `path`; "" when it cannot be read.
std::string ReadText(const std::string& path);

}  // namespace posenet::testing
