// One-line model load errors. Every message has the shape
//   <file>: cannot load model: <what> (<where>): expected <x>, found <y>
// where the "(<where>)" and ": expected ..., found ..." parts are present when they apply.
// <where> names an op or a tensor by index and name ("op 3 'CONV_2D'", "tensor 7 'sub_2'").
// Every piece that comes from the file (names, strings) goes through Printable(), so a message
// is always a single printable line however hostile the file is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace posenet {

// `s` with control and non-ASCII bytes replaced by '?', cut to `max_chars` (then "...").
std::string Printable(std::string_view s, size_t max_chars = 64);

// "op 3 'CONV_2D'"; `name` is made printable.
std::string OpWhere(size_t index, std::string_view name);
// "tensor 7 'sub_2'"; `name` is made printable.
std::string TensorWhere(size_t index, std::string_view name);

// Builds the errors of one load; `file` is the path or "<memory>".
class LoadErrors {
 public:
  explicit LoadErrors(std::string_view file) : file_(Printable(file, 256)) {}

  Status Fail(std::string_view what, std::string_view where = {}) const;
  Status Fail(std::string_view what, std::string_view where, std::string_view expected,
              std::string_view found) const;

 private:
  std::string file_;
};

}  // namespace posenet
