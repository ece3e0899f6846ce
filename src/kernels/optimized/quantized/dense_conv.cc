// Quantized CONV_2D: packs the weights for the chosen level (dense_pack.cc) and splits the
// GEMM between threads (rows of output pixels, or output-channel panels when there are few
// pixels). Every output element is computed whole by one thread, so results do not depend on
// the split.
#include <algorithm>
#include <string>

#include "base/thread_pool.h"
#include "kernels/optimized/quantized/dense_pack.h"
#include "kernels/optimized/quantized/quantized_conv.h"

namespace posenet {
namespace {

class QuantizedDenseConv final : public PreparedConv {
 public:
  QuantizedDenseConv(IsaLevel level, int threads) : level_(level), threads_(std::max(threads, 1)) {}

  bool Prepare(const ConvProblem& problem) {
    if (!PackDenseConv(problem, level_, &plan_, &weights_)) return false;
    const DenseConvKernel& kernel = *DenseConvKernelFor(level_);
    tile_rows_ = kernel.tile_rows(plan_);
    per_thread_scratch_ = kernel.scratch_bytes(plan_);
    run_ = kernel.run;
    // e.g. "avx512-vnni 1x1" (rows read in place), "avxvnni 1x1" or "avx2 im2col 3x3".
    const std::string level =
        level_ == IsaLevel::kAvx512 ? "avx512-vnni" : std::string(IsaName(level_));
    name_ = level + " " + (plan_.direct ? "" : "im2col ") + std::to_string(plan_.kh) + "x" +
            std::to_string(plan_.kw);
    return true;
  }

  void Run(const void* in, void* out, uint8_t* scratch, ThreadPool* pool) const override {
    const int parts = std::min(threads_, pool != nullptr ? pool->threads() : 1);
    const int64_t rows = plan_.rows();
    const int64_t tiles = (rows + tile_rows_ - 1) / tile_rows_;
    // Few pixels (e.g. 9x9 maps): split output channels instead, so both threads get work.
    const bool split_channels = parts > 1 && tiles < 8 * parts && plan_.panels >= parts;
    const auto* input = static_cast<const uint8_t*>(in);
    auto* output = static_cast<uint8_t*>(out);
    ParallelFor(pool, parts, 1, [&](int64_t begin, int64_t end) {
      for (int64_t part = begin; part < end; ++part) {
        uint8_t* mine = scratch + part * per_thread_scratch_;
        if (split_channels) {
          const auto p0 = static_cast<int32_t>(plan_.panels * part / parts);
          const auto p1 = static_cast<int32_t>(plan_.panels * (part + 1) / parts);
          if (p0 < p1) run_(plan_, input, output, mine, 0, rows, p0, p1);
        } else {
          const int64_t r0 = std::min(rows, tiles * part / parts * tile_rows_);
          const int64_t r1 = std::min(rows, tiles * (part + 1) / parts * tile_rows_);
          if (r0 < r1) run_(plan_, input, output, mine, r0, r1, 0, plan_.panels);
        }
      }
    });
  }

  size_t scratch_bytes() const override {
    return static_cast<size_t>(per_thread_scratch_) * static_cast<size_t>(threads_);
  }
  std::string name() const override { return name_; }

 private:
  using RunFn = decltype(DenseConvKernel::run);
  IsaLevel level_;
  int threads_;
  DenseConvPlan plan_;
  DensePackedWeights weights_;
  int32_t tile_rows_ = 1;
  int64_t per_thread_scratch_ = 0;
  RunFn run_ = nullptr;
  std::string name_;
};

}  // namespace

std::unique_ptr<PreparedConv> PrepareQuantizedDenseConv(const ConvProblem& problem,
                                                        IsaLevel level) {
  if (level == IsaLevel::kScalar) return nullptr;
  auto conv = std::make_unique<QuantizedDenseConv>(level, problem.threads);
  if (!conv->Prepare(problem)) return nullptr;
  return conv;
}

}  // namespace posenet
