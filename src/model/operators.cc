#include "model/operators.h"

#include <algorithm>
#include <limits>
#include <string>

#include "model/builtin_names.h"
#include "model/custom_options.h"
#include "model/op_options.h"
#include "model/validate.h"

namespace posenet {
namespace {

// How many operands an op takes. Inputs listed in `optional_inputs` (a bit mask) may be -1.
struct OperandRule {
  size_t min_inputs, max_inputs, outputs;
  uint32_t optional_inputs = 0;
};

OperandRule RuleFor(OpCode code) {
  constexpr size_t kMany = std::numeric_limits<size_t>::max();
  switch (code) {
    case OpCode::kAdd:
    case OpCode::kMul:
      return {2, 2, 1};
    case OpCode::kAveragePool2D:
    case OpCode::kMaxPool2D:
    case OpCode::kDequantize:
    case OpCode::kQuantize:
    case OpCode::kLogistic:
    case OpCode::kRelu:
    case OpCode::kRelu6:
      return {1, 1, 1};
    case OpCode::kConcatenation:
      return {1, kMany, 1};
    case OpCode::kConv2D:
    case OpCode::kDepthwiseConv2D:
      return {2, 3, 1, 1u << 2};  // input, filter, optional bias
    case OpCode::kReshape:
      return {1, 2, 1};  // input, optional shape tensor
    case OpCode::kPad:
      return {2, 2, 1};  // input, paddings
    case OpCode::kPosenetDecoder:
      return {3, 3, 4};  // heatmaps, short, mid offsets -> 4 outputs
  }
  return {0, 0, 0};
}

std::string CountText(size_t lo, size_t hi) {
  if (lo == hi) return std::to_string(lo);
  if (hi == std::numeric_limits<size_t>::max()) return "at least " + std::to_string(lo);
  return std::to_string(lo) + " to " + std::to_string(hi);
}

std::string SupportedBuiltins() {
  std::string s;
  for (int i = 0; i < kOpCodeCount; ++i) {
    const auto code = static_cast<OpCode>(i);
    if (code == OpCode::kPosenetDecoder) continue;
    s += (s.empty() ? "" : ", ") + std::string(OpName(code));
  }
  return "one of " + s;
}

struct ResolvedCode {
  OpCode code;
  std::string where;  // "op 3 'CONV_2D'"
};

Result<ResolvedCode> ResolveCode(const LoadErrors& errors, const tfl::Model& model,
                                 const tfl::Operator& op, size_t index) {
  const auto* codes = model.operator_codes();
  const size_t count = codes == nullptr ? 0 : codes->size();
  const uint32_t code_index = op.opcode_index();
  if (code_index >= count) {
    return errors.Fail("operator code index out of range", "op " + std::to_string(index),
                       count == 0 ? std::string("no operator codes in the model")
                                  : "0.." + std::to_string(count - 1),
                       std::to_string(code_index));
  }
  const tfl::OperatorCode* c = codes->Get(code_index);
  if (c == nullptr) return errors.Fail("missing operator code", "op " + std::to_string(index));
  // Files written before builtin_code existed only set the byte field; newer files set both.
  const int32_t builtin = std::max<int32_t>(c->deprecated_builtin_code(), c->builtin_code());
  if (builtin == kTfliteCustomBuiltin) {
    const std::string custom = c->custom_code() == nullptr ? "" : c->custom_code()->str();
    const std::string where = OpWhere(index, custom);
    if (custom != kPosenetDecoderCustomCode) {
      return errors.Fail("unsupported custom op", where,
                         "'" + std::string(kPosenetDecoderCustomCode) + "'",
                         "'" + Printable(custom) + "'");
    }
    return ResolvedCode{OpCode::kPosenetDecoder, where};
  }
  const std::optional<OpCode> code = OpFromBuiltin(builtin);
  if (!code) {
    const std::string_view name = TfliteBuiltinName(builtin);
    return errors.Fail("unsupported builtin op",
                       name.empty() ? "op " + std::to_string(index) : OpWhere(index, name),
                       SupportedBuiltins(), "builtin code " + DescribeBuiltin(builtin));
  }
  return ResolvedCode{*code, OpWhere(index, OpName(*code))};
}

Status ReadOperands(const LoadErrors& errors, const tfl::Operator& op, const OperandRule& rule,
                    const std::string& where, const std::vector<TensorDef>& tensors,
                    OperatorDef& out) {
  const auto* inputs = op.inputs();
  const auto* outputs = op.outputs();
  const size_t n_in = inputs == nullptr ? 0 : inputs->size();
  const size_t n_out = outputs == nullptr ? 0 : outputs->size();
  if (n_in < rule.min_inputs || n_in > rule.max_inputs) {
    return errors.Fail("wrong number of op inputs", where,
                       CountText(rule.min_inputs, rule.max_inputs), std::to_string(n_in));
  }
  if (n_out != rule.outputs) {
    return errors.Fail("wrong number of op outputs", where, CountText(rule.outputs, rule.outputs),
                       std::to_string(n_out));
  }
  for (size_t i = 0; i < n_in; ++i) {
    const int32_t t = inputs->Get(static_cast<flatbuffers::uoffset_t>(i));
    const bool optional = i < 32 && ((rule.optional_inputs >> i) & 1u) != 0;
    POSENET_RETURN_IF_ERROR(CheckTensorIndex(errors, t, tensors.size(), optional,
                                             where + " input " + std::to_string(i)));
    out.inputs.push_back(t);
  }
  for (size_t i = 0; i < n_out; ++i) {
    const int32_t t = outputs->Get(static_cast<flatbuffers::uoffset_t>(i));
    const std::string slot = where + " output " + std::to_string(i);
    POSENET_RETURN_IF_ERROR(CheckTensorIndex(errors, t, tensors.size(), false, slot));
    const TensorDef& def = tensors[static_cast<size_t>(t)];
    if (def.is_constant()) {
      return errors.Fail("op output is a constant tensor", slot, "a tensor without data",
                         TensorWhere(static_cast<size_t>(t), def.name));
    }
    out.outputs.push_back(t);
  }
  return Status::Ok();
}

Result<PosenetDecoderOptions> ReadCustomOptions(const LoadErrors& errors, const tfl::Operator& op,
                                                const std::string& where,
                                                std::span<const uint8_t> file) {
  if (op.custom_options_format() != 0) {
    return errors.Fail("unsupported custom options format", where, "FLEXBUFFERS (0)",
                       std::to_string(op.custom_options_format()));
  }
  std::span<const uint8_t> bytes;
  if (op.large_custom_options_offset() > 1) {  // stored after the flatbuffer
    const uint64_t offset = op.large_custom_options_offset();
    const uint64_t size = op.large_custom_options_size();
    if (offset > file.size() || size > file.size() - offset) {
      return errors.Fail("custom options lie outside the file", where,
                         "offset + size <= " + std::to_string(file.size()),
                         "offset " + std::to_string(offset) + ", size " + std::to_string(size));
    }
    bytes = file.subspan(static_cast<size_t>(offset), static_cast<size_t>(size));
  } else if (op.custom_options() != nullptr) {
    bytes = {op.custom_options()->data(), op.custom_options()->size()};
  }
  return ReadDecoderOptions(errors, bytes, where);
}

}  // namespace

Result<OperatorDef> ReadOperator(const LoadErrors& errors, const tfl::Model& model,
                                 const tfl::Operator* op, size_t index,
                                 const std::vector<TensorDef>& tensors,
                                 std::span<const uint8_t> file) {
  if (op == nullptr) return errors.Fail("missing operator table", "op " + std::to_string(index));
  POSENET_ASSIGN_OR_RETURN(ResolvedCode resolved, ResolveCode(errors, model, *op, index));
  OperatorDef def;
  def.code = resolved.code;
  POSENET_RETURN_IF_ERROR(
      ReadOperands(errors, *op, RuleFor(def.code), resolved.where, tensors, def));
  if (def.code == OpCode::kPosenetDecoder) {
    POSENET_ASSIGN_OR_RETURN(PosenetDecoderOptions o,
                             ReadCustomOptions(errors, *op, resolved.where, file));
    def.options = o;
  } else {
    const size_t output_rank = tensors[static_cast<size_t>(def.outputs[0])].shape.size();
    POSENET_ASSIGN_OR_RETURN(
        def.options, ReadBuiltinOptions(errors, def.code, *op, resolved.where, output_rank));
  }
  return def;
}

}  // namespace posenet
