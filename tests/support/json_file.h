// Reading the tool's JSON outputs in tests (nlohmann-json; not in the core-only build).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace posenet::testing {

// A JSON file parsed (null, and a test failure, if it cannot be read or parsed).
nlohmann::json ReadJson(const std::string& path);

}  // namespace posenet::testing
