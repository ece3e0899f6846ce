#include "runtime/row_fusion.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "base/thread_pool.h"
#include "kernels/optimized/prepared_conv.h"

namespace posenet {
namespace {

constexpr int kMaxLayers = 64;  // bound for the per-run state, which lives on the stack

struct Rows {
  int32_t lo = 0, hi = 0;  // [lo, hi)
};

// The input rows that output rows `out` of layer `l` read (padding rows excluded).
Rows InputRows(const RowStreaming& l, Rows out) {
  if (out.hi <= out.lo) return {};
  const int32_t lo = std::max(0, out.lo * l.stride_h - l.pad_top);
  const int32_t hi =
      std::min(l.in_h, (out.hi - 1) * l.stride_h - l.pad_top + (l.kernel_h - 1) * l.dilation_h + 1);
  return {lo, std::max(lo, hi)};
}

int64_t Align64(int64_t n) { return (n + 63) / 64 * 64; }

class RowChainKernel final : public OpKernel {
 public:
  RowChainKernel(std::vector<const RowStreaming*> layers, int threads,
                 const RowFusionOptions& options)
      : layers_(std::move(layers)) {
    const int32_t out_h = layers_.back()->out_h;
    parts_ = std::max(1, std::min<int32_t>(threads, out_h));
    for (const RowStreaming* l : layers_) {
      kernel_scratch_ = std::max<int64_t>(kernel_scratch_, l->conv->row_scratch_bytes());
    }
    // The tallest band whose buffers fit the budget (one row if none does).
    for (band_ = std::min<int32_t>(out_h, 64); band_ > 1; --band_) {
      if (BufferBytes(Spans()) <= options.buffer_budget_bytes) break;
    }
    capacity_ = Spans();
    int64_t at = 0;
    for (size_t i = 0; i + 1 < layers_.size(); ++i) {
      capacity_[i] *= 2;
      offsets_.push_back(at);
      at += Align64(capacity_[i] * layers_[i]->out_row_bytes);
    }
    kernel_scratch_offset_ = at;
    part_bytes_ = Align64(at + kernel_scratch_);
  }

  Status Prepare(const PrepareContext&) override { return Status::Ok(); }

  void Run(const RunContext& ctx) const override {
    const uint8_t* in = ctx.tensors[layers_.front()->input];
    uint8_t* out = ctx.tensors[layers_.back()->output];
    ParallelFor(ctx.pool, parts_, 1, [&](int64_t begin, int64_t end) {
      for (int64_t part = begin; part < end; ++part) {
        Walk(static_cast<int>(part), in, out, ctx.scratch + part * part_bytes_, nullptr);
      }
    });
  }

  size_t scratch_bytes() const override { return static_cast<size_t>(part_bytes_ * parts_); }
  std::string implementation() const override {
    return "row-fused, bands of " + std::to_string(band_) + " rows";
  }

 private:
  // Runs part `part`'s bands; with `spans` set it only records the most rows of each inner
  // tensor a band needs (no kernel runs, no memory is touched).
  void Walk(int part, const uint8_t* in, uint8_t* out, uint8_t* scratch,
            std::vector<int32_t>* spans) const {
    const int n = static_cast<int>(layers_.size());
    const int32_t out_h = layers_.back()->out_h;
    const int32_t begin = static_cast<int32_t>(int64_t{out_h} * part / parts_);
    const int32_t end = static_cast<int32_t>(int64_t{out_h} * (part + 1) / parts_);
    std::array<Rows, kMaxLayers> have{}, need{};
    std::array<int32_t, kMaxLayers> base{};  // the row at the start of each buffer
    uint8_t* kernel_scratch = scratch != nullptr ? scratch + kernel_scratch_offset_ : nullptr;
    for (int32_t r = begin; r < end; r += band_) {
      need[n - 1] = {r, std::min(end, r + band_)};
      for (int i = n - 1; i > 0; --i) need[i - 1] = InputRows(*layers_[i], need[i]);
      for (int i = 0; i < n; ++i) {
        const RowStreaming& l = *layers_[i];
        const bool last = i == n - 1;
        Rows& h = have[i];
        const Rows w = need[i];
        uint8_t* buffer = last || spans != nullptr ? nullptr : scratch + offsets_[i];
        if (last || w.lo < h.lo || w.lo >= h.hi) {
          h = {w.lo, w.lo};  // nothing to keep
          base[i] = w.lo;
        } else {
          h.lo = w.lo;
        }
        // Rows go on after the last ones until the buffer is full; then the rows still needed
        // move to its front (a buffer holds twice the rows a band needs, so moves are rare).
        if (!last && spans == nullptr && w.hi - base[i] > capacity_[i]) {
          std::memmove(buffer, buffer + (h.lo - base[i]) * l.out_row_bytes,
                       static_cast<size_t>((h.hi - h.lo) * l.out_row_bytes));
          base[i] = h.lo;
        }
        if (w.hi > h.hi) {
          if (spans == nullptr) {
            RowWindow window;
            window.in = i == 0 ? in : scratch + offsets_[i - 1];
            window.in_row0 = i == 0 ? 0 : base[i - 1];
            window.out = last ? out : buffer;
            window.out_row0 = last ? 0 : base[i];
            l.conv->RunRows(window, h.hi, w.hi, kernel_scratch);
          }
          h.hi = w.hi;
        }
        if (spans != nullptr && !last) {
          (*spans)[i] = std::max((*spans)[i], h.hi - h.lo);
        }
      }
    }
  }

  // The most rows of each inner tensor a band needs at once.
  std::vector<int32_t> Spans() const {
    std::vector<int32_t> spans(layers_.size(), 0);
    for (int part = 0; part < parts_; ++part) Walk(part, nullptr, nullptr, nullptr, &spans);
    return spans;
  }

  int64_t BufferBytes(const std::vector<int32_t>& rows) const {
    int64_t bytes = 0;
    for (size_t i = 0; i + 1 < layers_.size(); ++i) {
      bytes += rows[i] * layers_[i]->out_row_bytes;
    }
    return bytes;
  }

  std::vector<const RowStreaming*> layers_;
  int parts_ = 1;
  int32_t band_ = 1;
  std::vector<int32_t> capacity_;  // rows of each inner buffer
  std::vector<int64_t> offsets_;   // of each inner buffer in a part's scratch
  int64_t kernel_scratch_ = 0, kernel_scratch_offset_ = 0, part_bytes_ = 0;
};

}  // namespace

std::vector<RowChain> FindRowChains(const Graph& graph,
                                    const std::vector<std::unique_ptr<OpKernel>>& kernels,
                                    const std::vector<int32_t>& keep_alive,
                                    const RowFusionOptions& options) {
  std::vector<int32_t> readers(graph.tensors.size(), 0);
  for (const Node& node : graph.nodes) {
    for (int32_t t : node.inputs) {
      if (t >= 0) ++readers[t];
    }
  }
  for (int32_t t : graph.outputs) ++readers[t];  // an output is read by the caller
  for (int32_t t : keep_alive) ++readers[t];
  const int max_chain = std::min(options.max_chain, kMaxLayers);

  // Whether node i's output can flow to node i + 1 through row buffers.
  auto streams_into_next = [&](size_t i) {
    const RowStreaming* a = kernels[i]->row_streaming();
    const RowStreaming* b = kernels[i + 1]->row_streaming();
    if (a == nullptr || b == nullptr || b->input != a->output || readers[a->output] != 1) {
      return false;
    }
    const int64_t bytes = a->out_row_bytes * a->out_h;
    return bytes >= options.min_tensor_bytes && a->out_row_bytes == b->in_row_bytes &&
           a->out_h == b->in_h;
  };

  std::vector<RowChain> chains;
  for (size_t i = 0; i + 1 < kernels.size();) {
    // A chain ends after a strided layer (other than its first): the layers before it would run
    // in bands of twice its rows, and short bands cost the GEMMs their weight reuse.
    size_t j = i;
    while (j + 1 < kernels.size() && static_cast<int>(j - i + 1) < max_chain &&
           streams_into_next(j) && (j == i || kernels[j]->row_streaming()->stride_h == 1)) {
      ++j;
    }
    if (j > i) chains.push_back({static_cast<int32_t>(i), static_cast<int32_t>(j)});
    i = j + 1;
  }
  return chains;
}

std::unique_ptr<OpKernel> CreateRowChainKernel(std::vector<const RowStreaming*> layers, int threads,
                                               const RowFusionOptions& options) {
  return std::make_unique<RowChainKernel>(std::move(layers), threads, options);
}

}  // namespace posenet
