#include "graph/output_stride.h"

#include <algorithm>
#include <variant>

namespace posenet {
namespace {

struct Scale {
  int32_t stride = 1;  // downsampling of this tensor relative to the input
  int32_t rate = 1;    // downsampling removed upstream (dilation for spatial layers)
};

bool IsWindowed(OpCode c) {
  return c == OpCode::kConv2D || c == OpCode::kDepthwiseConv2D ||
         c == OpCode::kAveragePool2D || c == OpCode::kMaxPool2D;
}

// Stride, kernel and dilation fields of a windowed op, whichever options struct it has.
struct Window {
  int32_t* stride_h = nullptr;
  int32_t* stride_w = nullptr;
  int32_t* dilation_h = nullptr;  // null for pools
  int32_t* dilation_w = nullptr;
};

Window WindowOf(Node& n) {
  Window w;
  if (auto* c = std::get_if<Conv2DOptions>(&n.options)) {
    w = {&c->stride_h, &c->stride_w, &c->dilation_h, &c->dilation_w};
  } else if (auto* d = std::get_if<DepthwiseConv2DOptions>(&n.options)) {
    w = {&d->stride_h, &d->stride_w, &d->dilation_h, &d->dilation_w};
  } else if (auto* p = std::get_if<Pool2DOptions>(&n.options)) {
    w = {&p->stride_h, &p->stride_w, nullptr, nullptr};
  }
  return w;
}

bool IsSpatial(const Graph& g, const Node& n) {
  if (n.code == OpCode::kAveragePool2D || n.code == OpCode::kMaxPool2D) return true;
  if (n.code != OpCode::kConv2D && n.code != OpCode::kDepthwiseConv2D) return false;
  const Shape& f = g.tensor(n.inputs[1]).shape;
  return f.size() == 4 && (f[1] > 1 || f[2] > 1);
}

// Propagates scales through the graph as it stands.
std::vector<Scale> Propagate(Graph& g) {
  std::vector<Scale> scale(g.tensors.size());
  for (Node& n : g.nodes) {
    Scale in;
    for (int32_t i : n.inputs) {
      if (i < 0 || g.tensor(i).is_constant()) continue;
      in.stride = std::max(in.stride, scale[i].stride);
      in.rate = std::max(in.rate, scale[i].rate);
    }
    Scale out = in;
    if (IsWindowed(n.code)) out.stride *= *WindowOf(n).stride_h;
    for (int32_t o : n.outputs) scale[o] = out;
  }
  return scale;
}

Status Lower(Graph& g, int32_t target) {
  std::vector<Scale> scale(g.tensors.size());
  for (Node& n : g.nodes) {
    Scale in;
    for (int32_t i : n.inputs) {
      if (i < 0 || g.tensor(i).is_constant()) continue;
      in.stride = std::max(in.stride, scale[i].stride);
      in.rate = std::max(in.rate, scale[i].rate);
    }
    Scale out = in;
    if (IsWindowed(n.code)) {
      Window w = WindowOf(n);
      const int32_t s = *w.stride_h;
      if (s > 1 && in.stride * s > target) {
        if (w.dilation_h == nullptr && in.rate * s > 1) {
          return Status::Error(g.path + ": cannot set output stride " + std::to_string(target) +
                               ": " + g.Describe(n) + " is a strided pool, which cannot be "
                               "dilated");
        }
        *w.stride_h = *w.stride_w = 1;
        out.rate = in.rate * s;
      } else {
        out.stride = in.stride * s;
      }
      if (w.dilation_h != nullptr && IsSpatial(g, n)) {
        *w.dilation_h *= in.rate;
        *w.dilation_w *= in.rate;
      }
    }
    for (int32_t o : n.outputs) scale[o] = out;
  }
  return Status::Ok();
}

// The last spatial convolution whose output feeds a 1x1 convolution that widens the channels
// (filter [out, 1, 1, in] with out > in): the layer MobileNet strides last.
int32_t FindLayerToStride(const Graph& g) {
  int32_t found = -1;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& n = g.nodes[i];
    if (n.code == OpCode::kAveragePool2D || n.code == OpCode::kMaxPool2D || !IsSpatial(g, n)) {
      continue;
    }
    for (const Node& m : g.nodes) {
      if (m.code != OpCode::kConv2D || IsSpatial(g, m) || m.inputs[0] != n.outputs[0]) continue;
      const Shape& f = g.tensor(m.inputs[1]).shape;
      if (f.size() == 4 && f[0] > f[3]) found = static_cast<int32_t>(i);
    }
  }
  return found;
}

}  // namespace

Result<int32_t> NativeOutputStride(const Graph& graph) {
  Graph copy = graph;
  const std::vector<Scale> scale = Propagate(copy);
  int32_t stride = 0;
  for (int32_t o : graph.outputs) stride = std::max(stride, scale[o].stride);
  if (stride == 0) return Status::Error(graph.path + ": cannot find the output stride: no outputs");
  return stride;
}

Status SetOutputStride(Graph& graph, int32_t target) {
  if (target != 8 && target != 16 && target != 32) {
    return Status::Error("cannot set output stride " + std::to_string(target) +
                         ": expected 8, 16 or 32");
  }
  POSENET_ASSIGN_OR_RETURN(const int32_t native, NativeOutputStride(graph));
  if (target < native) {
    POSENET_RETURN_IF_ERROR(Lower(graph, target));
  } else if (target > native) {
    const int32_t layer = FindLayerToStride(graph);
    if (target != native * 2 || layer < 0) {
      return Status::Error(graph.path + ": cannot set output stride " + std::to_string(target) +
                           ": the model's own stride is " + std::to_string(native) +
                           " and at most one more factor of 2 can be added");
    }
    Window w = WindowOf(graph.nodes[layer]);
    *w.stride_h = *w.stride_w = 2;
  }
  for (Node& n : graph.nodes) {
    if (auto* d = std::get_if<PosenetDecoderOptions>(&n.options)) d->stride = target;
  }
  return Status::Ok();
}

}  // namespace posenet
