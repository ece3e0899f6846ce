// OpCode enum and names, generated from ops.inc.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace posenet {

enum class OpCode : uint8_t {
#define POSENET_OP(name, str, code) name,
#include "model/ops.inc"
#undef POSENET_OP
};

inline constexpr int kOpCodeCount = 0
#define POSENET_OP(name, str, code) +1
#include "model/ops.inc"
#undef POSENET_OP
    ;
static_assert(kOpCodeCount == 15, "ops.inc changed: update this count and docs/ops.md");

constexpr std::string_view OpName(OpCode op) {
  switch (op) {
#define POSENET_OP(name, str, code) \
  case OpCode::name:                \
    return str;
#include "model/ops.inc"
#undef POSENET_OP
  }
  return "?";
}

// Maps a TFLite builtin operator code to our OpCode; CUSTOM (32) is not mapped here.
constexpr std::optional<OpCode> OpFromBuiltin(int32_t builtin) {
  if (builtin == 32) return std::nullopt;
  switch (builtin) {
#define POSENET_OP(name, str, code) \
  case code:                        \
    return OpCode::name;
#include "model/ops.inc"
#undef POSENET_OP
  }
  return std::nullopt;
}

}  // namespace posenet
