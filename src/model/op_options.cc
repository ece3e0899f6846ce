#include "model/op_options.h"

#include "model/custom_options.h"
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

// Padding, fused activation and strides: what every windowed op's options table holds.
template <typename Table, typename Options>
Status ReadWindow(const LoadErrors& errors, const Table& t, const std::string& where, Options& o) {
  POSENET_ASSIGN_OR_RETURN(o.padding, ToPadding(errors, t.padding(), where));
  POSENET_ASSIGN_OR_RETURN(o.activation,
                           ToActivation(errors, t.fused_activation_function(), where));
  o.stride_h = t.stride_h(), o.stride_w = t.stride_w();
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "stride_h", o.stride_h, where));
  return AtLeastOne(errors, "stride_w", o.stride_w, where);
}

// The window and dilations of CONV_2D and DEPTHWISE_CONV_2D, from either options table.
template <typename Table>
Status ReadConvFields(const LoadErrors& errors, const Table& t, const std::string& where,
                      Conv2DOptions& o) {
  POSENET_RETURN_IF_ERROR(ReadWindow(errors, t, where, o));
  o.dilation_h = t.dilation_h_factor(), o.dilation_w = t.dilation_w_factor();
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "dilation_h_factor", o.dilation_h, where));
  return AtLeastOne(errors, "dilation_w_factor", o.dilation_w, where);
}

Result<OpOptions> ParseConv2D(const OptionsSource& in) {
  POSENET_ASSIGN_OR_RETURN(
      const tfl::Conv2DOptions* t,
      Expect<tfl::Conv2DOptions>(in.errors, in.op, BuiltinOptions::Conv2DOptions, in.where));
  Conv2DOptions o;
  POSENET_RETURN_IF_ERROR(ReadConvFields(in.errors, *t, in.where, o));
  return OpOptions(o);
}

Result<OpOptions> ParseDepthwiseConv2D(const OptionsSource& in) {
  POSENET_ASSIGN_OR_RETURN(const tfl::DepthwiseConv2DOptions* t,
                           Expect<tfl::DepthwiseConv2DOptions>(
                               in.errors, in.op, BuiltinOptions::DepthwiseConv2DOptions, in.where));
  DepthwiseConv2DOptions o;
  POSENET_RETURN_IF_ERROR(ReadConvFields(in.errors, *t, in.where, o));
  o.depth_multiplier = t->depth_multiplier();
  POSENET_RETURN_IF_ERROR(AtLeastOne(in.errors, "depth_multiplier", o.depth_multiplier, in.where));
  return OpOptions(o);
}

Result<OpOptions> ParsePool2D(const OptionsSource& in) {
  const LoadErrors& errors = in.errors;
  const tfl::Operator& op = in.op;
  const std::string& where = in.where;
  POSENET_ASSIGN_OR_RETURN(
      const tfl::Pool2DOptions* t,
      Expect<tfl::Pool2DOptions>(errors, op, BuiltinOptions::Pool2DOptions, where));
  Pool2DOptions o;
  POSENET_RETURN_IF_ERROR(ReadWindow(errors, *t, where, o));
  o.filter_h = t->filter_height(), o.filter_w = t->filter_width();
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "filter_height", o.filter_h, where));
  POSENET_RETURN_IF_ERROR(AtLeastOne(errors, "filter_width", o.filter_w, where));
  return OpOptions(o);
}

Result<OpOptions> ParseConcatenation(const OptionsSource& in) {
  const LoadErrors& errors = in.errors;
  const tfl::Operator& op = in.op;
  const std::string& where = in.where;
  const size_t output_rank = in.output_rank;
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
Result<OpOptions> ParseElementwise(const OptionsSource& in, BuiltinOptions expected) {
  const LoadErrors& errors = in.errors;
  const tfl::Operator& op = in.op;
  const std::string& where = in.where;
  ElementwiseOptions o;
  if (op.builtin_options_type() == BuiltinOptions::NONE) return OpOptions(o);
  POSENET_ASSIGN_OR_RETURN(const Table* t, Expect<Table>(errors, op, expected, where));
  POSENET_ASSIGN_OR_RETURN(o.activation,
                           ToActivation(errors, t->fused_activation_function(), where));
  return OpOptions(o);
}

Result<OpOptions> ParseAdd(const OptionsSource& in) {
  return ParseElementwise<tfl::AddOptions>(in, BuiltinOptions::AddOptions);
}

Result<OpOptions> ParseMul(const OptionsSource& in) {
  return ParseElementwise<tfl::MulOptions>(in, BuiltinOptions::MulOptions);
}

// RESHAPE: options may be absent (then input 1 holds the shape).
Result<OpOptions> ParseReshape(const OptionsSource& in) {
  const LoadErrors& errors = in.errors;
  const tfl::Operator& op = in.op;
  const std::string& where = in.where;
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

// Ops whose kernels read no options.
Result<OpOptions> ParseNoOptions(const OptionsSource&) { return OpOptions(std::monostate{}); }

// PosenetDecoderOp: a flexbuffer map, stored in the operator or after the flatbuffer.
Result<OpOptions> ParsePosenetDecoder(const OptionsSource& in) {
  const LoadErrors& errors = in.errors;
  const tfl::Operator& op = in.op;
  const std::string& where = in.where;
  const std::span<const uint8_t> file = in.file;
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
  POSENET_ASSIGN_OR_RETURN(PosenetDecoderOptions o, ReadDecoderOptions(errors, bytes, where));
  return OpOptions(o);
}

}  // namespace

Result<OpOptions> ReadOptions(OpCode code, const OptionsSource& source) {
  switch (code) {
#define POSENET_OP(name, builtin, custom, in, max, out, omit, options, shape, kernel) \
  case OpCode::name:                                                                  \
    return Parse##options(source);
#include "model/ops.inc"
#undef POSENET_OP
  }
  return source.errors.Fail("no options parser for op", source.where);
}

}  // namespace posenet
