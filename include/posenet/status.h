// Errors are values: a Status says "ok" or carries one human-readable line, and Result<T>
// holds either a T or that Status. Messages follow one grammar: "cannot <verb> <thing>: <reason>".
// Nothing that comes from a file or a user may abort the program; asserts are for our own
// invariants only.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace posenet {

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !failed_; }
  const std::string& message() const { return message_; }

  // Prepends context: Status::Error("x").Wrap("a.tflite") reads "a.tflite: x".
  Status Wrap(const std::string& context) const {
    return ok() ? *this : Status(context + ": " + message_);
  }

 private:
  explicit Status(std::string message) : failed_(true), message_(std::move(message)) {}
  bool failed_ = false;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(value_).ok() && "a Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(value_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(value_); }
  const std::string& message() const { return std::get<Status>(value_).message(); }

  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace posenet

// Returns early from the enclosing function when a Status-returning expression fails.
#define POSENET_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::posenet::Status posenet_status_ = (expr);        \
    if (!posenet_status_.ok()) return posenet_status_; \
  } while (0)

#define POSENET_CONCAT_INNER_(a, b) a##b
#define POSENET_CONCAT_(a, b) POSENET_CONCAT_INNER_(a, b)
// Declares `lhs` from a Result-returning expression, or returns its error.
#define POSENET_ASSIGN_OR_RETURN(lhs, expr) \
  POSENET_ASSIGN_OR_RETURN_IMPL_(POSENET_CONCAT_(posenet_result_, __LINE__), lhs, expr)
#define POSENET_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()
