#include "json_out.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace posenet::cli {

void JsonOut::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;
  if (has_items_.back()) text_ += ',';
  has_items_.back() = true;
  text_ += '\n';
  text_.append(has_items_.size(), ' ');
}

void JsonOut::Open(char bracket) {
  BeforeValue();
  text_ += bracket;
  has_items_.push_back(false);
}

void JsonOut::Close(char bracket) {
  const bool had_items = has_items_.back();
  has_items_.pop_back();
  if (had_items) {
    text_ += '\n';
    text_.append(has_items_.size(), ' ');
  }
  text_ += bracket;
}

JsonOut& JsonOut::BeginObject() {
  Open('{');
  return *this;
}

JsonOut& JsonOut::EndObject() {
  Close('}');
  return *this;
}

JsonOut& JsonOut::BeginArray() {
  Open('[');
  return *this;
}

JsonOut& JsonOut::EndArray() {
  Close(']');
  return *this;
}

JsonOut& JsonOut::Key(std::string_view key) {
  String(key);
  text_ += ": ";
  after_key_ = true;
  return *this;
}

JsonOut& JsonOut::String(std::string_view s) {
  BeforeValue();
  text_ += '"';
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      text_ += '\\';
      text_ += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned>(c));
      text_ += escaped;
    } else {
      text_ += c;  // UTF-8 bytes pass through
    }
  }
  text_ += '"';
  return *this;
}

JsonOut& JsonOut::Number(double x) {
  BeforeValue();
  if (!std::isfinite(x)) {
    text_ += "null";
    return *this;
  }
  char buf[32];
#if defined(__cpp_lib_to_chars)
  const auto end = std::to_chars(buf, buf + sizeof(buf), x).ptr;
  text_.append(buf, end);
#else
  // Standard libraries without floating-point to_chars (Emscripten 3.1's libc++): the shortest
  // %g form that reads back as the same double, which is what to_chars would print.
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, x);
    if (std::strtod(buf, nullptr) == x) break;
  }
  text_ += buf;
#endif
  return *this;
}

JsonOut& JsonOut::Int(int64_t x) {
  BeforeValue();
  text_ += std::to_string(x);
  return *this;
}

JsonOut& JsonOut::Ints(const std::vector<int32_t>& xs) {
  BeforeValue();
  text_ += '[';
  for (size_t i = 0; i < xs.size(); ++i) text_ += (i ? ", " : "") + std::to_string(xs[i]);
  text_ += ']';
  return *this;
}

}  // namespace posenet::cli
