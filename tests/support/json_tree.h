// A small strict JSON reader for tests of the core-only build, which has no JSON library: the
// reference metadata in ../shared (reference_meta.h) and the tool's JSON outputs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace posenet::testing {

// A parsed JSON value: null, bool, number, string, array or object (members in file order).
struct JsonTree {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonTree> items;
  std::vector<std::pair<std::string, JsonTree>> members;

  // Defined where JsonTree is complete: std::pair<std::string, JsonTree> needs it (clang with
  // libstdc++ instantiates the members' destructor here otherwise).
  JsonTree();
  JsonTree(const JsonTree&);
  JsonTree(JsonTree&&) noexcept;
  JsonTree& operator=(const JsonTree&);
  JsonTree& operator=(JsonTree&&) noexcept;
  ~JsonTree();

  // The member called `key`, or a null value.
  const JsonTree& operator[](std::string_view key) const;
  bool contains(std::string_view key) const;
  std::vector<int32_t> Ints() const;  // an array of numbers
};

// RFC 8259 JSON (\u escapes of ASCII only); nullopt on any error.
std::optional<JsonTree> ParseJsonTree(std::string_view text);

// The JSON file at `path`; a null value and a test failure if it cannot be read or parsed.
JsonTree ReadJsonTree(const std::string& path);

}  // namespace posenet::testing
