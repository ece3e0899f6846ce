#include "graph/output_stride.h"

#include <algorithm>
#include <limits>
#include <variant>

namespace posenet {
namespace {

// In int64 and capped at 2^31 (any stride a model can hold, times itself, fits), so hostile
// strides cannot overflow; NativeOutputStride refuses anything over kMaxOutputStride.
struct Scale {
  int64_t stride = 1;  // downsampling of this tensor relative to the input
  int64_t rate = 1;    // downsampling removed upstream (dilation for spatial layers)
};

int64_t Times(int64_t a, int64_t b) { return std::min(a * b, int64_t{1} << 31); }

// Stride, kernel and dilation fields of a windowed op, whichever options struct it has.
struct Window {
  int32_t* stride_h = nullptr;
  int32_t* stride_w = nullptr;
  int32_t* dilation_h = nullptr;  // null for pools
  int32_t* dilation_w = nullptr;
};

// Windowed ops are the ones whose options carry strides.
Window WindowOf(Node& n) {
  Window w;
  Conv2DOptions* c = std::get_if<Conv2DOptions>(&n.options);
  if (c == nullptr) c = std::get_if<DepthwiseConv2DOptions>(&n.options);
  if (c != nullptr) {
    w = {&c->stride_h, &c->stride_w, &c->dilation_h, &c->dilation_w};
  } else if (auto* p = std::get_if<Pool2DOptions>(&n.options)) {
    w = {&p->stride_h, &p->stride_w, nullptr, nullptr};
  }
  return w;
}

bool IsWindowed(Node& n) { return WindowOf(n).stride_h != nullptr; }

// A convolution (its window can be dilated) whose filter is more than 1x1.
bool IsSpatialConv(const Graph& g, Node& n) {
  if (WindowOf(n).dilation_h == nullptr) return false;
  const Shape& f = g.tensor(n.inputs[1]).shape;
  return f.size() == 4 && (f[1] > 1 || f[2] > 1);
}

// The scale a node reads: the largest of its non-constant inputs'.
Scale InputScale(const Graph& g, const Node& n, const std::vector<Scale>& scale) {
  Scale in;
  for (int32_t i : n.inputs) {
    if (i < 0 || g.tensor(i).is_constant()) continue;
    in.stride = std::max(in.stride, scale[i].stride);
    in.rate = std::max(in.rate, scale[i].rate);
  }
  return in;
}

// Propagates scales through the graph as it stands.
std::vector<Scale> Propagate(Graph& g) {
  std::vector<Scale> scale(g.tensors.size());
  for (Node& n : g.nodes) {
    const Scale in = InputScale(g, n, scale);
    Scale out = in;
    if (IsWindowed(n)) out.stride = Times(out.stride, *WindowOf(n).stride_h);
    for (int32_t o : n.outputs) scale[o] = out;
  }
  return scale;
}

Status Lower(Graph& g, int32_t target) {
  std::vector<Scale> scale(g.tensors.size());
  for (Node& n : g.nodes) {
    const Scale in = InputScale(g, n, scale);
    Scale out = in;
    if (IsWindowed(n)) {
      Window w = WindowOf(n);
      const int32_t s = *w.stride_h;
      if (s > 1 && Times(in.stride, s) > target) {
        if (w.dilation_h == nullptr && Times(in.rate, s) > 1) {
          return Status::Error(g.path + ": cannot set output stride " + std::to_string(target) +
                               ": " + g.Describe(n) +
                               " is a strided pool, which cannot be "
                               "dilated");
        }
        *w.stride_h = *w.stride_w = 1;
        out.rate = Times(in.rate, s);
      } else {
        out.stride = Times(in.stride, s);
      }
      if (IsSpatialConv(g, n)) {
        const int64_t dh = Times(*w.dilation_h, in.rate), dw = Times(*w.dilation_w, in.rate);
        if (std::max(dh, dw) > std::numeric_limits<int32_t>::max()) {
          return Status::Error(g.path + ": cannot set output stride " + std::to_string(target) +
                               ": " + g.Describe(n) + " would need a dilation of " +
                               std::to_string(std::max(dh, dw)));
        }
        *w.dilation_h = static_cast<int32_t>(dh);
        *w.dilation_w = static_cast<int32_t>(dw);
      }
    }
    for (int32_t o : n.outputs) scale[o] = out;
  }
  return Status::Ok();
}

// The layer to stride for one more factor of 2. An atrous export (a spatial convolution
// dilated where the original design had a stride) gets that stride back on the spatial layer
// just before the first dilated one. A model trained without the last stride (Coral's and
// Google's stride-16 MobileNets run block 12 at stride 1, undilated) gets it on its last
// spatial layer: every feature before it stays as trained and the heads read every other cell,
// which keeps keypoints far closer to the native result than striding block 12 (measured on
// test_couple.jpg: 2.7 px against 16 px mean shift). -1 when the graph has no spatial layer.
int32_t FindLayerToStride(Graph& g) {
  std::vector<int32_t> spatial;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (IsSpatialConv(g, g.nodes[i])) {
      spatial.push_back(static_cast<int32_t>(i));
    }
  }
  for (size_t k = 1; k < spatial.size(); ++k) {
    if (*WindowOf(g.nodes[spatial[k]]).dilation_h >= 2) return spatial[k - 1];
  }
  return spatial.empty() ? -1 : spatial.back();
}

// Makes `layer` strided again and halves the dilation of the spatial convolutions after it
// (atrous rates that stood in for the removed stride).
void Raise(Graph& g, int32_t layer) {
  Window w = WindowOf(g.nodes[layer]);
  *w.stride_h = *w.stride_w = 2;
  for (size_t i = static_cast<size_t>(layer) + 1; i < g.nodes.size(); ++i) {
    Node& n = g.nodes[i];
    if (!IsSpatialConv(g, n)) continue;
    Window d = WindowOf(n);
    if (*d.dilation_h >= 2) *d.dilation_h /= 2;
    if (*d.dilation_w >= 2) *d.dilation_w /= 2;
  }
}

}  // namespace

Result<int32_t> NativeOutputStride(const Graph& graph) {
  Graph copy = graph;
  const std::vector<Scale> scale = Propagate(copy);
  int64_t stride = 0;
  for (int32_t o : graph.outputs) stride = std::max(stride, scale[o].stride);
  if (stride == 0) return Status::Error(graph.path + ": cannot find the output stride: no outputs");
  if (stride > kMaxOutputStride) {
    return Status::Error(graph.path + ": cannot use the output stride " +
                         (stride >= int64_t{1} << 31 ? "of 2^31 or more" : std::to_string(stride)) +
                         ": more than " + std::to_string(kMaxOutputStride));
  }
  return static_cast<int32_t>(stride);
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
    if (*WindowOf(graph.nodes[layer]).stride_h != 1) {
      return Status::Error(graph.path + ": cannot set output stride " + std::to_string(target) +
                           ": " + graph.Describe(graph.nodes[layer]) +
                           ", the layer to stride, is already strided");
    }
    Raise(graph, layer);
  }
  // The rewrite must have produced the stride asked for; anything else is a graph the pass does
  // not understand, and running it would silently decode at the wrong scale.
  POSENET_ASSIGN_OR_RETURN(const int32_t reached, NativeOutputStride(graph));
  if (reached != target) {
    return Status::Error(graph.path + ": cannot set output stride " + std::to_string(target) +
                         ": the rewritten graph has stride " + std::to_string(reached));
  }
  for (Node& n : graph.nodes) {
    if (auto* d = std::get_if<PosenetDecoderOptions>(&n.options)) d->stride = target;
  }
  return Status::Ok();
}

}  // namespace posenet
