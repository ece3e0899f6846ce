#include "json_file.h"

#include <gtest/gtest.h>

#include <fstream>

namespace posenet::testing {

nlohmann::json ReadJson(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  if (!in) return nullptr;
  nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(json.is_discarded()) << path << " is not valid JSON";
  return json.is_discarded() ? nlohmann::json() : json;
}

}  // namespace posenet::testing
