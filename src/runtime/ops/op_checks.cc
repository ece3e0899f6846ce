#include "runtime/ops/op_checks.h"

namespace posenet {

Status OpError(const PrepareContext& ctx, const std::string& what) {
  return Status::Error(ctx.graph->path + ": cannot prepare " + ctx.graph->Describe(*ctx.node) +
                       ": " + what);
}

const TensorDef& Input(const PrepareContext& ctx, size_t i) {
  return ctx.graph->tensor(ctx.node->inputs[i]);
}

const TensorDef& Output(const PrepareContext& ctx, size_t i) {
  return ctx.graph->tensor(ctx.node->outputs[i]);
}

bool HasInput(const PrepareContext& ctx, size_t i) {
  return i < ctx.node->inputs.size() && ctx.node->inputs[i] >= 0;
}

Status ExpectType(const PrepareContext& ctx, const TensorDef& t,
                  std::initializer_list<DataType> allowed) {
  std::string names;
  for (DataType d : allowed) {
    if (d == t.type) return Status::Ok();
    names += (names.empty() ? "" : " or ") + std::string(Name(d));
  }
  return OpError(
      ctx, "tensor '" + t.name + "' has type " + std::string(Name(t.type)) + ", expected " + names);
}

Status ExpectConstant(const PrepareContext& ctx, const TensorDef& t) {
  if (t.is_constant()) return Status::Ok();
  return OpError(ctx, "tensor '" + t.name +
                          "' must be constant (weights computed at run time "
                          "are not supported)");
}

Status ExpectPerTensorQuantization(const PrepareContext& ctx, const TensorDef& t) {
  if (t.quantization.scale.size() == 1 && t.quantization.zero_point.size() == 1) {
    return Status::Ok();
  }
  return OpError(ctx, "tensor '" + t.name + "' needs one scale and zero point, found " +
                          std::to_string(t.quantization.scale.size()));
}

Dims4 ToDims4(const Shape& shape) {
  int32_t d[4] = {1, 1, 1, 1};
  const size_t r = shape.size();
  for (size_t i = 0; i < r && i < 4; ++i) d[4 - r + i] = shape[i];
  return Dims4{d[0], d[1], d[2], d[3]};
}

Status ExpectRankAtMost4(const PrepareContext& ctx, const TensorDef& t) {
  if (t.shape.size() <= 4) return Status::Ok();
  return OpError(ctx, "tensor '" + t.name + "' has rank " + std::to_string(t.shape.size()) +
                          ", at most 4 is supported");
}

}  // namespace posenet
