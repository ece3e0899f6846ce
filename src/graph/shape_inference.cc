#include "graph/shape_inference.h"

#include <algorithm>
#include <cstring>

#include <limits>
#include "base/window.h"

namespace posenet {
namespace {

constexpr int64_t kMaxElements = int64_t{1} << 30;

Status Fail(const Graph& g, const Node& n, const std::string& what) {
  return Status::Error(g.path + ": cannot infer shapes: " + g.Describe(n) + ": " + what);
}

const Shape& In(const Graph& g, const Node& n, size_t i) { return g.tensor(n.inputs[i]).shape; }

Status SetOutput(Graph& g, const Node& n, size_t i, Shape shape) {
  int64_t count = 1;
  for (int32_t d : shape) {
    if (d <= 0)
      return Fail(g, n,
                  "output " + std::to_string(i) + " would have shape " + ShapeToString(shape) +
                      " (input too small?)");
    count *= d;
    if (count > kMaxElements) {
      return Fail(g, n, "output " + std::to_string(i) + " would have more than 2^30 elements");
    }
  }
  g.tensor(n.outputs[i]).shape = std::move(shape);
  return Status::Ok();
}

Status Need4D(const Graph& g, const Node& n, size_t i) {
  if (In(g, n, i).size() != 4) {
    return Fail(g, n,
                "input " + std::to_string(i) + " must be 4-D, found " + ShapeToString(In(g, n, i)));
  }
  return Status::Ok();
}

Status InferConv(Graph& g, const Node& n) {
  POSENET_RETURN_IF_ERROR(Need4D(g, n, 0));
  POSENET_RETURN_IF_ERROR(Need4D(g, n, 1));
  const Shape& in = In(g, n, 0);
  const Shape& filter = In(g, n, 1);
  const auto* depthwise = std::get_if<DepthwiseConv2DOptions>(&n.options);
  const Conv2DOptions& o = depthwise ? *depthwise : std::get<Conv2DOptions>(n.options);
  int32_t out_c;
  if (depthwise) {
    out_c = filter[3];
    if (filter[0] != 1 || int64_t{in[3]} * depthwise->depth_multiplier != filter[3]) {
      return Fail(g, n,
                  "filter " + ShapeToString(filter) + " does not fit input channels " +
                      std::to_string(in[3]) + " x depth multiplier " +
                      std::to_string(depthwise->depth_multiplier));
    }
  } else {
    out_c = filter[0];
    if (filter[3] != in[3]) {
      return Fail(g, n,
                  "filter " + ShapeToString(filter) + " expects " + std::to_string(filter[3]) +
                      " input channels, found " + std::to_string(in[3]));
    }
  }
  if (n.inputs.size() > 2 && n.inputs[2] >= 0) {
    const Shape& bias = In(g, n, 2);
    if (ElementCount(bias) != out_c) {
      return Fail(g, n,
                  "bias has " + std::to_string(ElementCount(bias)) + " values, expected " +
                      std::to_string(out_c));
    }
  }
  const int32_t oh = ComputePadding(in[1], filter[1], o.stride_h, o.dilation_h, o.padding).out;
  const int32_t ow = ComputePadding(in[2], filter[2], o.stride_w, o.dilation_w, o.padding).out;
  return SetOutput(g, n, 0, {in[0], oh, ow, out_c});
}

Status InferPool(Graph& g, const Node& n) {
  POSENET_RETURN_IF_ERROR(Need4D(g, n, 0));
  const Shape& in = In(g, n, 0);
  const auto& o = std::get<Pool2DOptions>(n.options);
  const int32_t oh = ComputePadding(in[1], o.filter_h, o.stride_h, 1, o.padding).out;
  const int32_t ow = ComputePadding(in[2], o.filter_w, o.stride_w, 1, o.padding).out;
  return SetOutput(g, n, 0, {in[0], oh, ow, in[3]});
}

Status InferConcatenation(Graph& g, const Node& n) {
  const Shape& first = In(g, n, 0);
  const int32_t rank = static_cast<int32_t>(first.size());
  int32_t axis = std::get<ConcatenationOptions>(n.options).axis;
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) {
    return Fail(g, n,
                "axis " + std::to_string(axis) + " out of range for rank " + std::to_string(rank));
  }
  Shape out = first;
  out[axis] = 0;
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    const Shape& s = In(g, n, i);
    bool same = s.size() == first.size();
    for (int32_t d = 0; same && d < rank; ++d) same = d == axis || s[d] == first[d];
    if (!same) {
      return Fail(g, n,
                  "input " + std::to_string(i) + " has shape " + ShapeToString(s) +
                      ", incompatible with " + ShapeToString(first) + " on axis " +
                      std::to_string(axis));
    }
    out[axis] += s[axis];
  }
  return SetOutput(g, n, 0, std::move(out));
}

Status InferBroadcast(Graph& g, const Node& n) {
  const Shape& a = In(g, n, 0);
  const Shape& b = In(g, n, 1);
  const size_t rank = std::max(a.size(), b.size());
  if (rank > 4) return Fail(g, n, "broadcasting supports at most 4 dimensions");
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    const int32_t da = i + a.size() >= rank ? a[i + a.size() - rank] : 1;
    const int32_t db = i + b.size() >= rank ? b[i + b.size() - rank] : 1;
    if (da != db && da != 1 && db != 1) {
      return Fail(g, n, "cannot broadcast " + ShapeToString(a) + " with " + ShapeToString(b));
    }
    out[i] = std::max(da, db);
  }
  return SetOutput(g, n, 0, std::move(out));
}

// Reads an int32 or int64 constant tensor as a list of integers.
bool ReadIntegers(const TensorDef& t, std::vector<int64_t>& values) {
  if (!t.is_constant()) return false;
  const int64_t count = ElementCount(t.shape);
  values.resize(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    if (t.type == DataType::kInt32) {
      int32_t v;
      std::memcpy(&v, t.data.data() + i * 4, 4);
      values[i] = v;
    } else if (t.type == DataType::kInt64) {
      std::memcpy(&values[i], t.data.data() + i * 8, 8);
    } else {
      return false;
    }
  }
  return true;
}

Status InferReshape(Graph& g, const Node& n) {
  std::vector<int64_t> target;
  const auto& o = std::get<ReshapeOptions>(n.options);
  const bool from_input =
      n.inputs.size() > 1 && n.inputs[1] >= 0 && ReadIntegers(g.tensor(n.inputs[1]), target);
  if (!from_input) {
    if (o.new_shape.empty()) {
      return Fail(g, n, "the new shape is neither a constant input nor an option");
    }
    target.assign(o.new_shape.begin(), o.new_shape.end());
  }
  const int64_t count = ElementCount(In(g, n, 0));
  int64_t known = 1;
  int unknown = -1;
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] == -1 && unknown < 0) {
      unknown = static_cast<int>(i);
    } else if (target[i] <= 0 || target[i] > kMaxElements) {
      return Fail(g, n, "invalid new shape dimension " + std::to_string(target[i]));
    } else {
      known *= target[i];
    }
  }
  if (unknown >= 0 && known > 0 && count % known == 0) target[unknown] = count / known;
  Shape out(target.begin(), target.end());
  if (ElementCount(out) != count) {
    return Fail(g, n, "cannot reshape " + ShapeToString(In(g, n, 0)) + " to " + ShapeToString(out));
  }
  return SetOutput(g, n, 0, std::move(out));
}

Status InferPad(Graph& g, const Node& n) {
  const Shape& in = In(g, n, 0);
  std::vector<int64_t> pads;
  if (n.inputs.size() < 2 || !ReadIntegers(g.tensor(n.inputs[1]), pads)) {
    return Fail(g, n, "paddings must be a constant int32 or int64 tensor");
  }
  if (pads.size() != in.size() * 2) {
    return Fail(g, n,
                "paddings have " + std::to_string(pads.size()) + " values, expected " +
                    std::to_string(in.size() * 2));
  }
  Shape out = in;
  for (size_t d = 0; d < in.size(); ++d) {
    if (pads[2 * d] < 0 || pads[2 * d + 1] < 0 || pads[2 * d] + pads[2 * d + 1] > kMaxElements) {
      return Fail(g, n, "invalid padding on dimension " + std::to_string(d));
    }
    out[d] = static_cast<int32_t>(in[d] + pads[2 * d] + pads[2 * d + 1]);
  }
  return SetOutput(g, n, 0, std::move(out));
}

Status InferPosenetDecoder(Graph& g, const Node& n) {
  const int32_t max_det = std::get<PosenetDecoderOptions>(n.options).max_detections;
  POSENET_RETURN_IF_ERROR(SetOutput(g, n, 0, {1, max_det, 17, 2}));
  POSENET_RETURN_IF_ERROR(SetOutput(g, n, 1, {1, max_det, 17}));
  POSENET_RETURN_IF_ERROR(SetOutput(g, n, 2, {1, max_det}));
  // The pose count keeps the file's own shape (a scalar in Coral's models).
  return Status::Ok();
}

// Ops whose output has the input's shape.
Status InferSameShape(Graph& g, const Node& n) { return SetOutput(g, n, 0, In(g, n, 0)); }

// The operand counts of the op's line in ops.inc (the loader checks them too; graphs built in
// code meet them here) and every tensor index in range, so the rules above and the kernels'
// Prepare may index operands freely.
Status CheckOperands(const Graph& g, const Node& n) {
  const OperandRule rule = OperandRuleFor(n.code);
  const size_t n_in = n.inputs.size(), n_out = n.outputs.size();
  if (n_in < rule.min_inputs || n_in > rule.max_inputs) {
    return Fail(g, n,
                "expected " + CountText(rule.min_inputs, rule.max_inputs) + " inputs, found " +
                    std::to_string(n_in));
  }
  if (n_out != rule.outputs) {
    return Fail(g, n,
                "expected " + CountText(rule.outputs, rule.outputs) + " outputs, found " +
                    std::to_string(n_out));
  }
  const auto count = static_cast<int32_t>(g.tensors.size());
  for (size_t i = 0; i < n_in; ++i) {
    const int32_t t = n.inputs[i];
    if (t == -1 && rule.may_omit(i)) continue;
    if (t < 0 || t >= count) return Fail(g, n, "input " + std::to_string(i) + " is missing");
  }
  for (size_t i = 0; i < n_out; ++i) {
    if (n.outputs[i] < 0 || n.outputs[i] >= count) {
      return Fail(g, n, "output " + std::to_string(i) + " is missing");
    }
  }
  return Status::Ok();
}

}  // namespace

Status InferShapes(Graph& graph, int32_t height, int32_t width) {
  if (graph.inputs.size() != 1) {
    return Status::Error(graph.path + ": cannot infer shapes: expected 1 input, found " +
                         std::to_string(graph.inputs.size()));
  }
  Shape& in = graph.tensor(graph.inputs[0]).shape;
  if (in.size() != 4) {
    return Status::Error(graph.path + ": cannot infer shapes: the input must be NHWC, found " +
                         ShapeToString(in));
  }
  if (height > 0) in[1] = height;
  if (width > 0) in[2] = width;
  if (int64_t{in[1]} * in[2] * in[3] > kMaxElements) {
    return Status::Error(graph.path + ": cannot infer shapes: input size " + std::to_string(in[1]) +
                         "x" + std::to_string(in[2]) + " is too large");
  }
  for (const Node& n : graph.nodes) {
    POSENET_RETURN_IF_ERROR(CheckOperands(graph, n));
    switch (n.code) {
#define POSENET_OP(name, builtin, custom, in, max, out, omit, options, shape, kernel) \
  case OpCode::name:                                                                  \
    POSENET_RETURN_IF_ERROR(Infer##shape(graph, n));                                  \
    break;
#include "model/ops.inc"
#undef POSENET_OP
    }
  }
  return Status::Ok();
}

}  // namespace posenet
