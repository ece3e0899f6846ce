// JSON text for the tool's machine-readable results (model-run's outputs.json, bench --json),
// written without a JSON library so that these commands stay in the core-only build. Values are
// appended in order; the writer adds commas, one-space indentation and string escapes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace posenet::cli {

class JsonOut {
 public:
  JsonOut& BeginObject();
  JsonOut& EndObject();
  JsonOut& BeginArray();
  JsonOut& EndArray();
  JsonOut& Key(std::string_view key);  // inside an object, before each value
  JsonOut& String(std::string_view s);
  JsonOut& Number(double x);  // shortest text that reads back as x; null when not finite
  JsonOut& Int(int64_t x);
  JsonOut& Ints(const std::vector<int32_t>& xs);  // an array on one line

  const std::string& text() const { return text_; }

 private:
  void BeforeValue();
  void Open(char bracket);
  void Close(char bracket);

  std::string text_;
  std::vector<bool> has_items_;  // per open object/array
  bool after_key_ = false;
};

}  // namespace posenet::cli
