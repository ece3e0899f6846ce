#include "model/op_code.h"

#include "model/builtin_names.h"

namespace posenet {
namespace {

struct OpRow {
  OpCode code;
  int32_t builtin;
  std::string_view custom;
};

constexpr OpRow kOps[] = {
#define POSENET_OP(name, builtin, custom, in, max, out, omit, options, shape, kernel) \
  {OpCode::name, builtin, custom},
#include "model/ops.inc"
#undef POSENET_OP
};

const OpRow& RowOf(OpCode op) { return kOps[static_cast<size_t>(op)]; }

}  // namespace

std::string_view OpName(OpCode op) {
  const OpRow& row = RowOf(op);
  return row.custom.empty() ? TfliteBuiltinName(row.builtin) : row.custom;
}

std::optional<OpCode> OpFromBuiltin(int32_t builtin) {
  if (builtin == kTfliteCustomBuiltin) return std::nullopt;
  for (const OpRow& row : kOps) {
    if (row.builtin == builtin) return row.code;
  }
  return std::nullopt;
}

std::optional<OpCode> OpFromCustom(std::string_view custom_code) {
  for (const OpRow& row : kOps) {
    if (row.builtin == kTfliteCustomBuiltin && row.custom == custom_code) return row.code;
  }
  return std::nullopt;
}

std::string SupportedBuiltins() {
  std::string s;
  for (const OpRow& row : kOps) {
    if (row.builtin != kTfliteCustomBuiltin)
      s += (s.empty() ? "" : ", ") + std::string(OpName(row.code));
  }
  return "one of " + s;
}

std::string SupportedCustomOps() {
  std::string s;
  for (const OpRow& row : kOps) {
    if (!row.custom.empty()) s += (s.empty() ? "'" : " or '") + std::string(row.custom) + "'";
  }
  return s;
}

std::string CountText(uint32_t lowest, uint32_t highest) {
  if (lowest == highest) return std::to_string(lowest);
  if (highest == kAnyCount) return "at least " + std::to_string(lowest);
  return std::to_string(lowest) + " to " + std::to_string(highest);
}

}  // namespace posenet
