// The operators posenet.cpp runs, generated from the op table (model/ops.inc): the OpCode enum,
// op names, the mapping from a file's operator codes, and each op's operand counts.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace posenet {

// ops.inc's "no upper limit" on an input count.
inline constexpr uint32_t kAnyCount = std::numeric_limits<uint32_t>::max();

enum class OpCode : uint8_t {
#define POSENET_OP(name, builtin, custom, in, max, out, omit, options, shape, kernel) name,
#include "model/ops.inc"
#undef POSENET_OP
};

inline constexpr int kOpCodeCount = 0
#define POSENET_OP(name, builtin, custom, in, max, out, omit, options, shape, kernel) +1
#include "model/ops.inc"
#undef POSENET_OP
    ;

// "CONV_2D" (the format's builtin name), or the custom code of a custom op.
std::string_view OpName(OpCode op);

// The op a TFLite builtin operator code names; nullopt for unsupported codes and CUSTOM (32).
std::optional<OpCode> OpFromBuiltin(int32_t builtin);
// The custom op with this custom_code, or nullopt.
std::optional<OpCode> OpFromCustom(std::string_view custom_code);
// "one of ADD, AVERAGE_POOL_2D, ..." and "'PosenetDecoderOp'": what we run, for error messages.
std::string SupportedBuiltins();
std::string SupportedCustomOps();

// How many operands an op takes.
struct OperandRule {
  uint32_t min_inputs = 0, max_inputs = 0, outputs = 0;
  uint32_t omittable = 0;  // bit i: input i may be -1 (an omitted optional input)
  bool may_omit(size_t input) const { return input < 32 && ((omittable >> input) & 1u) != 0; }
};

constexpr OperandRule OperandRuleFor(OpCode op) {
  switch (op) {
#define POSENET_OP(name, builtin, custom, in, max, out, omit, options, shape, kernel) \
  case OpCode::name:                                                                  \
    return OperandRule{in, max, out, omit};
#include "model/ops.inc"
#undef POSENET_OP
  }
  return {};
}

// "2", "2 to 3" or "at least 1": an input count rule for messages.
std::string CountText(uint32_t lowest, uint32_t highest);

}  // namespace posenet
