#include "model/load_error.h"

namespace posenet {

std::string Printable(std::string_view s, size_t max_chars) {
  std::string out;
  const size_t n = s.size() > max_chars ? max_chars : s.size();
  out.reserve(n + 3);
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  }
  if (s.size() > max_chars) out += "...";
  return out;
}

std::string OpWhere(size_t index, std::string_view name) {
  return "op " + std::to_string(index) + " '" + Printable(name) + "'";
}

std::string TensorWhere(size_t index, std::string_view name) {
  return "tensor " + std::to_string(index) + " '" + Printable(name) + "'";
}

Status LoadErrors::Fail(std::string_view what, std::string_view where) const {
  std::string m = file_ + ": cannot load model: " + std::string(what);
  if (!where.empty()) m += " (" + std::string(where) + ")";
  return Status::Error(std::move(m));
}

Status LoadErrors::Fail(std::string_view what, std::string_view where, std::string_view expected,
                        std::string_view found) const {
  Status s = Fail(what, where);
  return Status::Error(s.message() + ": expected " + std::string(expected) + ", found " +
                       std::string(found));
}

}  // namespace posenet
