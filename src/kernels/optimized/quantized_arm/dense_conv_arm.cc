// Quantized CONV_2D on AArch64: packs the weights once for the chosen level (dense_pack_arm.cc)
// and splits the GEMM between threads, by tiles of output pixels or, when there are few pixels,
// by panels of output channels. Every output element is computed whole by one thread, so
// results do not depend on the split.
#include <algorithm>
#include <string>

#include "base/thread_pool.h"
#include "kernels/optimized/quantized_arm/dense_pack_arm.h"
#include "kernels/optimized/quantized_arm/quantized_conv_arm.h"

namespace posenet {
namespace {

using RunFn = void (*)(const ArmDensePlan&, const uint8_t*, uint8_t*, uint8_t*, int64_t, int64_t,
                       int32_t, int32_t);

class ArmDenseConv final : public PreparedConv {
 public:
  ArmDenseConv(IsaLevel level, int threads) : level_(level), threads_(std::max(threads, 1)) {}

  bool Prepare(const ConvProblem& problem) {
    if (!PackArmDenseConv(problem, level_, &plan_, &weights_)) return false;
    const bool neon = level_ == IsaLevel::kNeon;
    per_thread_scratch_ = ArmDenseScratchBytes(plan_, neon ? 2 : 1);
    run_ = neon                           ? &DenseConvNeon
           : level_ == IsaLevel::kDotprod ? &DenseConvDotprod
                                          : &DenseConvI8mm;
    const bool one_by_one = plan_.kh == 1 && plan_.kw == 1 && plan_.stride_h == 1 &&
                            plan_.stride_w == 1 && plan_.pad_top == 0 && plan_.pad_left == 0;
    // e.g. "dotprod 1x1" (rows copied whole) or "neon im2col 3x3".
    name_ = std::string(IsaName(level_)) + (one_by_one ? " " : " im2col ") +
            std::to_string(plan_.kh) + "x" + std::to_string(plan_.kw);
    return true;
  }

  void Run(const void* in, void* out, uint8_t* scratch, ThreadPool* pool) const override {
    const int parts = std::min(threads_, pool != nullptr ? pool->threads() : 1);
    const int64_t rows = plan_.rows();
    const int64_t tiles = (rows + kArmTileRows - 1) / kArmTileRows;
    // Few pixels (e.g. 9x9 maps): split output channels instead, so every thread gets work.
    const bool by_panels = parts > 1 && tiles < 8 * parts && plan_.panels >= parts;
    const int64_t items = by_panels ? plan_.panels : tiles;
    const auto* input = static_cast<const uint8_t*>(in);
    auto* output = static_cast<uint8_t*>(out);
    ParallelFor(pool, parts, 1, [&](int64_t begin, int64_t end) {
      for (int64_t part = begin; part < end; ++part) {
        const int64_t first = items * part / parts, last = items * (part + 1) / parts;
        if (first >= last) continue;
        uint8_t* mine = scratch + part * per_thread_scratch_;
        if (by_panels) {
          run_(plan_, input, output, mine, 0, rows, static_cast<int32_t>(first),
               static_cast<int32_t>(last));
        } else {
          run_(plan_, input, output, mine, first * kArmTileRows,
               std::min(rows, last * kArmTileRows), 0, plan_.panels);
        }
      }
    });
  }

  size_t scratch_bytes() const override {
    return static_cast<size_t>(per_thread_scratch_) * static_cast<size_t>(threads_);
  }
  std::string name() const override { return name_; }

 private:
  IsaLevel level_;
  int threads_;
  ArmDensePlan plan_;
  ArmDenseWeights weights_;
  int64_t per_thread_scratch_ = 0;
  RunFn run_ = nullptr;
  std::string name_;
};

}  // namespace

std::unique_ptr<PreparedConv> PrepareArmDenseConv(const ConvProblem& problem, IsaLevel level) {
  auto conv = std::make_unique<ArmDenseConv>(level, problem.threads);
  if (!conv->Prepare(problem)) return nullptr;
  return conv;
}

}  // namespace posenet
