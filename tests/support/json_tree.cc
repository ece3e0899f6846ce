#include "json_tree.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cstdint>

#include "shared_data.h"

namespace posenet::testing {
namespace {

// Strict recursive-descent reader of RFC 8259 JSON (\u escapes of ASCII characters only); sets
// `ok_` false on the first error.
class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  bool Parse(JsonTree& out) {
    Value(out, 0);
    Space();
    return ok_ && i_ == s_.size();
  }

 private:
  void Space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  bool Eat(char c) {
    Space();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  bool Word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  void String(std::string& out) {
    if (!Eat('"')) return Fail();
    while (ok_ && i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (static_cast<unsigned char>(c) < 0x20) return Fail();
      if (c == '\\') {
        if (i_ >= s_.size()) return Fail();
        c = s_[i_++];
        switch (c) {
          case 'n':
            c = '\n';
            break;
          case 't':
            c = '\t';
            break;
          case 'r':
            c = '\r';
            break;
          case 'b':
            c = '\b';
            break;
          case 'f':
            c = '\f';
            break;
          case 'u': {
            unsigned code = 0;
            if (i_ + 4 > s_.size()) return Fail();
            const auto r = std::from_chars(s_.data() + i_, s_.data() + i_ + 4, code, 16);
            if (r.ptr != s_.data() + i_ + 4 || code > 0x7f) return Fail();
            i_ += 4;
            c = static_cast<char>(code);
            break;
          }
          default:
            if (c != '"' && c != '\\' && c != '/') return Fail();
        }
      }
      out += c;
    }
    if (i_ >= s_.size()) return Fail();
    ++i_;  // closing quote
  }
  void Value(JsonTree& out, int depth) {
    Space();
    if (depth > 64 || i_ >= s_.size()) return Fail();
    const char c = s_[i_];
    if (c == '{') {
      ++i_;
      out.kind = JsonTree::Kind::kObject;
      if (Eat('}')) return;
      do {
        std::pair<std::string, JsonTree> member;
        String(member.first);
        if (!Eat(':')) return Fail();
        Value(member.second, depth + 1);
        out.members.push_back(std::move(member));
      } while (ok_ && Eat(','));
      if (!Eat('}')) Fail();
    } else if (c == '[') {
      ++i_;
      out.kind = JsonTree::Kind::kArray;
      if (Eat(']')) return;
      do {
        out.items.emplace_back();
        Value(out.items.back(), depth + 1);
      } while (ok_ && Eat(','));
      if (!Eat(']')) Fail();
    } else if (c == '"') {
      out.kind = JsonTree::Kind::kString;
      String(out.string);
    } else if (Word("true") || Word("false")) {
      out.kind = JsonTree::Kind::kBool;
      out.boolean = c == 't';
    } else if (Word("null")) {
      out.kind = JsonTree::Kind::kNull;
    } else {
      if (c != '-' && (c < '0' || c > '9')) return Fail();  // from_chars would take "inf"
      out.kind = JsonTree::Kind::kNumber;
      const auto r = std::from_chars(s_.data() + i_, s_.data() + s_.size(), out.number);
      if (r.ec != std::errc() || r.ptr == s_.data() + i_) return Fail();
      i_ = static_cast<size_t>(r.ptr - s_.data());
    }
  }
  void Fail() { ok_ = false; }

  std::string_view s_;
  size_t i_ = 0;
  bool ok_ = true;
};

}  // namespace

JsonTree::JsonTree() = default;
JsonTree::JsonTree(const JsonTree&) = default;
JsonTree::JsonTree(JsonTree&&) noexcept = default;
JsonTree& JsonTree::operator=(const JsonTree&) = default;
JsonTree& JsonTree::operator=(JsonTree&&) noexcept = default;
JsonTree::~JsonTree() = default;

const JsonTree& JsonTree::operator[](std::string_view key) const {
  static const JsonTree null;
  for (const auto& [k, v] : members) {
    if (k == key) return v;
  }
  return null;
}

bool JsonTree::contains(std::string_view key) const {
  for (const auto& member : members) {
    if (member.first == key) return true;
  }
  return false;
}

std::vector<int32_t> JsonTree::Ints() const {
  std::vector<int32_t> v;
  for (const JsonTree& i : items) v.push_back(static_cast<int32_t>(i.number));
  return v;
}

std::optional<JsonTree> ParseJsonTree(std::string_view text) {
  JsonTree tree;
  if (!Reader(text).Parse(tree)) return std::nullopt;
  return tree;
}

JsonTree ReadJsonTree(const std::string& path) {
  const std::vector<uint8_t> bytes = ReadBytes(path);
  std::optional<JsonTree> tree =
      ParseJsonTree(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  EXPECT_TRUE(tree.has_value()) << path << ": cannot read JSON";
  return tree ? std::move(*tree) : JsonTree();
}

}  // namespace posenet::testing
