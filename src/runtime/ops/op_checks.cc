#include "runtime/ops/op_checks.h"

#include <cstdio>

#include "model/load_error.h"

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
  return OpError(ctx, "tensor " + Quoted(t) + " has type " + std::string(Name(t.type)) +
                          ", expected " + names);
}

Status ExpectConstant(const PrepareContext& ctx, const TensorDef& t) {
  if (!t.is_constant()) {
    return OpError(ctx, "tensor " + Quoted(t) +
                            " must be constant (weights computed at run time are not supported)");
  }
  POSENET_RETURN_IF_ERROR(ExpectShape(ctx, t, kAnyRank));
  if (static_cast<int64_t>(t.data.size()) != ByteSize(t)) {
    return OpError(ctx, "constant " + Quoted(t) + " holds " + std::to_string(t.data.size()) +
                            " bytes, its shape " + ShapeToString(t.shape) + " needs " +
                            std::to_string(ByteSize(t)));
  }
  return Status::Ok();
}

Status ExpectPerTensorQuantization(const PrepareContext& ctx, const TensorDef& t) {
  if (t.quantization.scale.size() == 1 && t.quantization.zero_point.size() == 1) {
    return Status::Ok();
  }
  return OpError(ctx, "tensor " + Quoted(t) + " needs one scale and zero point, found " +
                          std::to_string(t.quantization.scale.size()));
}

Dims4 ToDims4(const Shape& shape) {
  int32_t d[4] = {1, 1, 1, 1};
  const size_t r = shape.size();
  for (size_t i = 0; i < r && i < 4; ++i) d[4 - r + i] = shape[i];
  return Dims4{d[0], d[1], d[2], d[3]};
}

std::string Quoted(const TensorDef& t) { return "'" + Printable(t.name) + "'"; }

Status ExpectShape(const PrepareContext& ctx, const TensorDef& t, size_t rank) {
  if (rank == 0 ? t.shape.size() > 4 : rank != kAnyRank && t.shape.size() != rank) {
    return OpError(ctx, "tensor " + Quoted(t) + " has rank " + std::to_string(t.shape.size()) +
                            ", expected " + (rank == 0 ? "at most 4" : std::to_string(rank)));
  }
  int64_t count = 1;
  for (int32_t d : t.shape) {
    if (d < 1) {
      return OpError(ctx, "tensor " + Quoted(t) + " has shape " + ShapeToString(t.shape) +
                              ": every dimension must be at least 1");
    }
    count *= d;  // each step stays below 2^30 * 2^31
    if (count > kMaxElements) {
      return OpError(ctx, "tensor " + Quoted(t) + " has shape " + ShapeToString(t.shape) +
                              ": more than 2^30 elements");
    }
  }
  return Status::Ok();
}

Status ExpectRankAtMost4(const PrepareContext& ctx, const TensorDef& t) {
  return ExpectShape(ctx, t, 0);
}

Status ExpectShapeIs(const PrepareContext& ctx, const TensorDef& t, const Shape& expected) {
  if (t.shape == expected) return Status::Ok();
  return OpError(ctx, "tensor " + Quoted(t) + " has shape " + ShapeToString(t.shape) +
                          ", expected " + ShapeToString(expected));
}

Result<WindowPadding> ExpectWindow(const PrepareContext& ctx, const char* axis, int32_t in,
                                   int32_t filter, int32_t stride, int32_t dilation,
                                   Padding padding, int32_t out) {
  const std::string name(axis);
  if (stride < 1 || stride > kMaxWindowExtent) {
    return OpError(ctx, "stride " + std::to_string(stride) + " along the " + name +
                            " is outside 1-" + std::to_string(kMaxWindowExtent));
  }
  if (dilation < 1 || filter < 1) {
    return OpError(ctx, "dilation " + std::to_string(dilation) + " and filter " +
                            std::to_string(filter) + " along the " + name + " must be >= 1");
  }
  const int64_t extent = (int64_t{filter} - 1) * dilation + 1;
  if (extent > kMaxWindowExtent) {
    return OpError(ctx, "the window spans " + std::to_string(extent) + " pixels along the " + name +
                            " (filter " + std::to_string(filter) + ", dilation " +
                            std::to_string(dilation) + "), more than " +
                            std::to_string(kMaxWindowExtent));
  }
  const WindowPadding w = ComputePadding(in, filter, stride, dilation, padding);
  if (w.out != out) {
    return OpError(ctx, "the output " + name + " is " + std::to_string(out) + ", but input " +
                            std::to_string(in) + ", window " + std::to_string(extent) +
                            " and stride " + std::to_string(stride) + " give " +
                            std::to_string(w.out));
  }
  return w;
}

Status ExpectRepresentable(const PrepareContext& ctx, const QuantizedMultiplier& m,
                           double real_multiplier, const std::string& what) {
  if (m.shift <= kMaxShift) return Status::Ok();
  char real[32];
  std::snprintf(real, sizeof(real), "%g", real_multiplier);
  return OpError(ctx, "the requantization of " + what + " (multiplier " + real +
                          ") needs a left shift of " + std::to_string(m.shift) + " bits; at most " +
                          std::to_string(kMaxShift) + " is representable");
}

}  // namespace posenet
