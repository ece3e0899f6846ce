// What the x86-64 and AArch64 quantized convolutions share at prepare time, outside the SIMD
// code: the checks and geometry of conv_geometry.h, the filter's values, the rows gathered per
// chunk, and the split of a dense GEMM between threads. Portable C++; include only from the
// portable files (dense_pack*.cc, dense_conv*.cc, depthwise_conv*.cc), never from a level file.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "base/aligned_buffer.h"
#include "base/thread_pool.h"
#include "kernels/optimized/prepared_conv.h"
#include "kernels/optimized/quantized/conv_geometry.h"

namespace posenet {

// Fills `g` when the problem is a uint8/int8 dense convolution whose exact sums fit int32 (as
// in the reference; the kernels' wrapping int32 arithmetic, exact modulo 2^32, then gives them
// exactly), else false (the reference kernel then runs). *max_bias: the largest |bias|.
bool DenseGeometryFor(const ConvProblem& problem, DenseGeometry* g, int64_t* max_bias);

// Rows gathered per chunk: about 32 KiB of panel, a multiple of the tile height.
int32_t DenseChunkRows(int64_t row_bytes, int32_t tile_rows);

// The filter's value at flat index i, read as int8 or uint8.
inline int32_t FilterValue(const ConvProblem& problem, int64_t i) {
  return problem.type == DataType::kInt8 ? static_cast<const int8_t*>(problem.filter_data)[i]
                                         : static_cast<const uint8_t*>(problem.filter_data)[i];
}

// The smallest and largest of the filter's first `count` values (the packers' weight offset).
void FilterRange(const ConvProblem& problem, int64_t count, int32_t* low, int32_t* high);

// Fills `g` (depthwise geometry, quantization offsets and clamp, the interior columns) with the
// channels padded to a multiple of `channel_block`. zero_row is left to MakeZeroRow.
void FillDepthwiseGeometry(const ConvProblem& problem, int32_t channel_block, DepthwiseGeometry* g);

// The row of input zero points that g->zero_row then points into.
AlignedBuffer MakeZeroRow(DepthwiseGeometry* g);

// Splits a dense GEMM of `rows` output pixels (tiles of tile_rows) by `panels` channel panels
// between up to `threads` parts: by tiles or, when there are few pixels (e.g. 9x9 maps), by
// panels, so every thread gets work. Calls run(part, row_begin, row_end, panel_begin,
// panel_end) for each non-empty part. Every output element is computed whole by one part.
template <class Run>
void RunDenseParts(ThreadPool* pool, int threads, int64_t rows, int32_t tile_rows, int32_t panels,
                   const Run& run) {
  const int parts = std::min(threads, pool != nullptr ? pool->threads() : 1);
  const int64_t tiles = (rows + tile_rows - 1) / tile_rows;
  const bool by_panels = parts > 1 && tiles < 8 * parts && panels >= parts;
  const int64_t items = by_panels ? panels : tiles;
  ParallelFor(pool, parts, 1, [&](int64_t begin, int64_t end) {
    for (int64_t part = begin; part < end; ++part) {
      const int64_t first = items * part / parts, last = items * (part + 1) / parts;
      if (first >= last) continue;
      if (by_panels) {
        run(part, 0, rows, static_cast<int32_t>(first), static_cast<int32_t>(last));
      } else {
        run(part, first * tile_rows, std::min(rows, last * tile_rows), 0, panels);
      }
    }
  });
}

// A prepared dense convolution of either architecture: the packed plan and the storage it
// points into (filled by the architecture's packer; the object never moves), run by the
// level's kernel over the threads' parts (RunDenseParts), each with its own scratch.
template <class Plan, class Weights>
class PreparedDenseConv final : public PreparedConv {
 public:
  using RunFn = void (*)(const Plan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                         int64_t row_begin, int64_t row_end, int32_t panel_begin,
                         int32_t panel_end);

  explicit PreparedDenseConv(int threads) : threads_(std::max(threads, 1)) {}

  Plan plan;
  Weights weights;

  // The kernel, its tile height (the unit of the row split), its scratch per thread and the
  // name profiles show.
  void SetKernel(RunFn run, int32_t tile_rows, int64_t per_thread_scratch, std::string name) {
    run_ = run, tile_rows_ = tile_rows, per_thread_scratch_ = per_thread_scratch;
    name_ = std::move(name);
  }

  void Run(const void* in, void* out, uint8_t* scratch, ThreadPool* pool) const override {
    const auto* input = static_cast<const uint8_t*>(in);
    auto* output = static_cast<uint8_t*>(out);
    RunDenseParts(pool, threads_, plan.rows(), tile_rows_, plan.panels,
                  [&](int64_t part, int64_t row_begin, int64_t row_end, int32_t panel_begin,
                      int32_t panel_end) {
                    run_(plan, input, output, scratch + part * per_thread_scratch_, row_begin,
                         row_end, panel_begin, panel_end);
                  });
  }
  size_t scratch_bytes() const override {
    return static_cast<size_t>(per_thread_scratch_) * static_cast<size_t>(threads_);
  }
  std::string name() const override { return name_; }

 private:
  int threads_;
  RunFn run_ = nullptr;
  int32_t tile_rows_ = 1;
  int64_t per_thread_scratch_ = 0;
  std::string name_;
};

}  // namespace posenet
