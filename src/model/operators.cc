#include "model/operators.h"

#include <algorithm>
#include <string>

#include "model/builtin_names.h"
#include "model/op_options.h"
#include "model/validate.h"

namespace posenet {
namespace {

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
    const std::optional<OpCode> code = OpFromCustom(custom);
    if (!code) {
      return errors.Fail("unsupported custom op", where, SupportedCustomOps(),
                         "'" + Printable(custom) + "'");
    }
    return ResolvedCode{*code, where};
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
    POSENET_RETURN_IF_ERROR(CheckTensorIndex(errors, t, tensors.size(), rule.may_omit(i),
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
      ReadOperands(errors, *op, OperandRuleFor(def.code), resolved.where, tensors, def));
  const size_t output_rank = tensors[static_cast<size_t>(def.outputs[0])].shape.size();
  POSENET_ASSIGN_OR_RETURN(def.options,
                           ReadOptions(def.code, {errors, *op, resolved.where, output_rank, file}));
  return def;
}

}  // namespace posenet
