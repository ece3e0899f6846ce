#include "model/op_options.h"

#include "model/validate.h"

namespace posenet {
namespace {

using tfl::BuiltinOptions;

std::string OptionsTypeName(BuiltinOptions type) {
  const std::string name = tfl::EnumNameBuiltinOptions(type);
  const std::string number = std::to_string(static_cast<int>(type));
  return name.empty() ? "options type " + number : name + " (" + number + ")";
}

// The options table of the expected type, or an error naming what the op carries instead.
template <typename Table>
Result<const Table*> Expect(const LoadErrors& errors, const tfl::Operator& op,
                            BuiltinOptions expected, const std::string& where) {
  const auto* table = static_cast<const Table*>(op.builtin_options());
  if (op.builtin_options_type() != expected || table == nullptr) {
    return errors.Fail("missing or wrong builtin options", where, OptionsTypeName(expected),
                       OptionsTypeName(op.builtin_options_type()));
  }
  return table;
}

Result<Padding> ToPadding(const LoadErrors& errors, int8_t v, const std::string& where) {
  if (v == 0) return Padding::kSame;
  if (v == 1) return Padding::kValid;
  return errors.Fail("invalid padding", where, "SAME (0) or VALID (1)", std::to_string(v));
}

Result<Activation> ToActivation(const LoadErrors& errors, int8_t v, const std::string& where) {
  switch (v) {
    case 0:
      return Activation::kNone;
    case 1:
      return Activation::kRelu;
    case 2:
      return Activation::kReluN1To1;
    case 3:
      return Activation::kRelu6;
    default:
      break;
  }
  const std::string found = v == 4 ? "TANH (4)" : v == 5 ? "SIGN_BIT (5)" : std::to_string(v);
  return errors.Fail("unsupported fused activation", where,
                     "NONE (0), RELU (1), RELU_N1_TO_1 (2) or RELU6 (3)", found);
}

Status AtLeastOne(const LoadErrors& errors, const char* field, int32_t v,
                  const std::string& where) {
  if (v >= 1) return Status::Ok();
  return errors.Fail(std::string("invalid ") + field, where, field + std::string(" >= 1"),
                     std::to_string(v));
}

Result<OpOptions> ReadConv(const LoadErrors& errors, const tfl::Operator& op,
                           const std::string& where) {
  POSENET_ASSIGN_OR_RETURN(
      const tfl::Conv2DOptions* t,
      Expect<tfl::Conv2DOptions>(errors, op, BuiltinOptions::Conv2DOptions, where));
  Conv2DOptions o;
  POSENET_ASSIGN_OR_RETURN(o.padding, ToPadding(errors, t->padding(), where));
  POSENET_ASSIGN_OR_RETURN(o.activation,
                           ToActivation(errors, t->fused_activation_function(), where));
  o.stride_h = t->stride_h(), o.stride_w = t->stride_w();
  o.dilation_h = t->dilation_h_factor(), o.dilation_w = t->dilation_w_factor();
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "stride_h", o.stride_h, where));
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "stride_w", o.stride_w, where));
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "dilation_h_factor", o.dilation_h, where));
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "dilation_w_factor", o.dilation_w, where));
  return OpOptions(o);
}

Result<OpOptions> ReadDepthwise(const LoadErrors& errors, const tfl::Operator& op,
                                const std::string& where) {
  POSENET_ASSIGN_OR_RETURN(const tfl::DepthwiseConv2DOptions* t,
                           Expect<tfl::DepthwiseConv2DOptions>(
                               errors, op, BuiltinOptions::DepthwiseConv2DOptions, where));
  DepthwiseConv2DOptions o;
  POSENET_ASSIGN_OR_RETURN(o.padding, ToPadding(errors, t->padding(), where));
  POSENET_ASSIGN_OR_RETURN(o.activation,
                           ToActivation(errors, t->fused_activation_function(), where));
  o.stride_h = t->stride_h(), o.stride_w = t->stride_w();
  o.dilation_h = t->dilation_h_factor(), o.dilation_w = t->dilation_w_factor();
  o.depth_multiplier = t->depth_multiplier();
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "stride_h", o.stride_h, where));
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "stride_w", o.stride_w, where));
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "dilation_h_factor", o.dilation_h, where));
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "dilation_w_factor", o.dilation_w, where));
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "depth_multiplier", o.depth_multiplier, where));
  return OpOptions(o);
}

Result<OpOptions> ReadPool(const LoadErrors& errors, const tfl::Operator& op,
                           const std::string& where) {
  POSENET_ASSIGN_OR_RETURN(
      const tfl::Pool2DOptions* t,
      Expect<tfl::Pool2DOptions>(errors, op, BuiltinOptions::Pool2DOptions, where));
  Pool2DOptions o;
  POSENET_ASSIGN_OR_RETURN(o.padding, ToPadding(errors, t->padding(), where));
  POSENET_ASSIGN_OR_RETURN(o.activation,
                           ToActivation(errors, t->fused_activation_function(), where));
  o.stride_h = t->stride_h(), o.stride_w = t->stride_w();
  o.filter_h = t->filter_height(), o.filter_w = t->filter_width();
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "stride_h", o.stride_h, where));
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "stride_w", o.stride_w, where));
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "filter_height", o.filter_h, where));
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "filter_width", o.filter_w, where));
  return OpOptions(o);
}

Result<OpOptions> ReadConcatenation(const LoadErrors& errors, const tfl::Operator& op,
                                    const std::string& where, size_t output_rank) {
  POSENET_ASSIGN_OR_RETURN(
      const tfl::ConcatenationOptions* t,
      Expect<tfl::ConcatenationOptions>(errors, op, BuiltinOptions::ConcatenationOptions, where));
  ConcatenationOptions o;
  POSENET_ASSIGN_OR_RETURN(o.activation,
                           ToActivation(errors, t->fused_activation_function(), where));
  o.axis = t->axis();
  const auto rank = static_cast<int32_t>(output_rank);
  if (o.axis < -rank || o.axis >= rank) {
    return errors.Fail("concatenation axis out of range", where,
                       rank == 0 ? std::string("an output of rank >= 1")
                                 : std::to_string(-rank) + ".." + std::to_string(rank - 1),
                       std::to_string(o.axis));
  }
  return OpOptions(o);
}

// ADD and MUL: options may be absent (no fused activation).
template <typename Table>
Result<OpOptions> ReadElementwise(const LoadErrors& errors, const tfl::Operator& op,
                                  BuiltinOptions expected, const std::string& where) {
  ElementwiseOptions o;
  if (op.builtin_options_type() == BuiltinOptions::NONE) return OpOptions(o);
  POSENET_ASSIGN_OR_RETURN(const Table* t, Expect<Table>(errors, op, expected, where));
  POSENET_ASSIGN_OR_RETURN(o.activation,
                           ToActivation(errors, t->fused_activation_function(), where));
  return OpOptions(o);
}

// RESHAPE: options may be absent (then input 1 holds the shape).
Result<OpOptions> ReadReshape(const LoadErrors& errors, const tfl::Operator& op,
                              const std::string& where) {
  ReshapeOptions o;
  if (op.builtin_options_type() == BuiltinOptions::NONE) return OpOptions(o);
  POSENET_ASSIGN_OR_RETURN(
      const tfl::ReshapeOptions* t,
      Expect<tfl::ReshapeOptions>(errors, op, BuiltinOptions::ReshapeOptions, where));
  const auto* shape = t->new_shape();
  if (shape == nullptr) return OpOptions(o);
  if (shape->size() > kMaxRank) {
    return errors.Fail("reshape new_shape too long", where,
                       "at most " + std::to_string(kMaxRank) + " entries",
                       std::to_string(shape->size()));
  }
  int unknown = 0;
  for (int32_t d : *shape) {
    if (d < -1 || d == 0 || (d == -1 && ++unknown > 1)) {
      return errors.Fail("invalid reshape new_shape entry", where,
                         "entries >= 1 and at most one -1", std::to_string(d));
    }
    o.new_shape.push_back(d);
  }
  return OpOptions(o);
}

}  // namespace

Result<OpOptions> ReadBuiltinOptions(const LoadErrors& errors, OpCode code, const tfl::Operator& op,
                                     const std::string& where, size_t output_rank) {
  switch (code) {
    case OpCode::kConv2D:
      return ReadConv(errors, op, where);
    case OpCode::kDepthwiseConv2D:
      return ReadDepthwise(errors, op, where);
    case OpCode::kAveragePool2D:
    case OpCode::kMaxPool2D:
      return ReadPool(errors, op, where);
    case OpCode::kConcatenation:
      return ReadConcatenation(errors, op, where, output_rank);
    case OpCode::kAdd:
      return ReadElementwise<tfl::AddOptions>(errors, op, BuiltinOptions::AddOptions, where);
    case OpCode::kMul:
      return ReadElementwise<tfl::MulOptions>(errors, op, BuiltinOptions::MulOptions, where);
    case OpCode::kReshape:
      return ReadReshape(errors, op, where);
    case OpCode::kPad:
    case OpCode::kDequantize:
    case OpCode::kQuantize:
    case OpCode::kLogistic:
    case OpCode::kRelu:
    case OpCode::kRelu6:
    case OpCode::kPosenetDecoder:  // a custom op: its options are read by custom_options.h
      return OpOptions(std::monostate{});
  }
  return errors.Fail("no options parser for op", where);
}

}  // namespace posenet
