#include "kernels/optimized/float/float_merged_conv.h"

#include <algorithm>
#include <cstring>

#include "base/thread_pool.h"
#include "kernels/optimized/float/float_levels.h"
#include "kernels/optimized/float/float_pack.h"

namespace posenet {
namespace {

// Rows per block: the block's outputs for all channels (96 x 128 floats, 48 KiB) stay in cache
// until they are copied out; a multiple of both GEMM tiles' rows (12 dense, 4 skipping).
constexpr int64_t kBlockRows = 96;

bool IsPlain1x1(const ConvProblem& p) {
  const ConvParams& c = p.params;
  return !p.depthwise && p.type == DataType::kFloat32 && p.filter.h == 1 && p.filter.w == 1 &&
         c.stride_h == 1 && c.stride_w == 1 && c.pad_top == 0 && c.pad_left == 0 &&
         p.in.h == p.out.h && p.in.w == p.out.w && p.in.n == p.out.n && p.in.c == p.filter.c &&
         p.filter.n == p.out.c && p.out.size() > 0;
}

class FloatMergedConv final : public PreparedMergedConv {
 public:
  FloatMergedConv(const std::vector<ConvProblem>& problems, const fconv::FloatLevelKernels& level)
      : level_(level), k_(problems[0].in.c) {
    int32_t n = 0;
    for (const ConvProblem& p : problems) {
      offsets_.push_back(n);
      widths_.push_back(p.out.c);
      n += p.out.c;
    }
    n_ = n;
    std::vector<float> filter(static_cast<size_t>(n) * k_), bias(static_cast<size_t>(n), 0.0f);
    for (size_t i = 0; i < problems.size(); ++i) {
      const auto* f = static_cast<const float*>(problems[i].filter_data);
      std::copy(f, f + int64_t{widths_[i]} * k_, filter.begin() + int64_t{offsets_[i]} * k_);
      if (problems[i].bias_data != nullptr) {
        const auto* b = static_cast<const float*>(problems[i].bias_data);
        std::copy(b, b + widths_[i], bias.begin() + offsets_[i]);
      }
    }
    fconv::PackGemm(filter.data(), bias.data(), n, k_, level.panel_width, level.vector, packed_);
    lo_ = problems[0].params.float_min, hi_ = problems[0].params.float_max;
    rows_ = int64_t{problems[0].out.n} * problems[0].out.h * problems[0].out.w;
    parts_ = std::max(1, problems[0].threads);
    block_bytes_ = (static_cast<size_t>(kBlockRows) * n_ * sizeof(float) + 63) / 64 * 64;
    skip_bytes_ = level.skip_gemm != nullptr ? level.skip_scratch_bytes(k_) : 0;
  }

  void Run(const void* in, void* const* outs, uint8_t* scratch, ThreadPool* pool) const override {
    const auto* x = static_cast<const float*>(in);
    const int64_t blocks = (rows_ + kBlockRows - 1) / kBlockRows;
    const int parts = static_cast<int>(
        std::min<int64_t>(blocks, std::min(parts_, pool != nullptr ? pool->threads() : 1)));
    ParallelFor(pool, parts, 1, [&](int64_t begin, int64_t end) {
      for (int64_t part = begin; part < end; ++part) {
        uint8_t* slot = scratch + static_cast<size_t>(part) * (block_bytes_ + skip_bytes_);
        auto* tmp = reinterpret_cast<float*>(slot);
        for (int64_t b = blocks * part / parts; b < blocks * (part + 1) / parts; ++b) {
          const int64_t r0 = b * kBlockRows, r1 = std::min(rows_, r0 + kBlockRows);
          fconv::GemmCall call;
          call.a = x + r0 * k_, call.lda = k_, call.rows = r1 - r0;
          call.out = tmp, call.ldc = n_;
          call.p_begin = 0, call.p_end = packed_.view.panels;
          call.lo = lo_, call.hi = hi_;
          if (level_.skip_gemm != nullptr) {
            level_.skip_gemm(packed_.view, call, fconv::kSkipMaxListedPercent, slot + block_bytes_);
          } else {
            level_.gemm(packed_.view, call);
          }
          for (size_t i = 0; i < offsets_.size(); ++i) {
            auto* y = static_cast<float*>(outs[i]) + r0 * widths_[i];
            for (int64_t r = 0; r < r1 - r0; ++r) {
              std::memcpy(y + r * widths_[i], tmp + r * n_ + offsets_[i],
                          static_cast<size_t>(widths_[i]) * sizeof(float));
            }
          }
        }
      }
    });
  }

  size_t scratch_bytes() const override {
    return (block_bytes_ + skip_bytes_) * static_cast<size_t>(parts_);
  }

  std::string name() const override { return std::string(level_.name) + " merged gemm 1x1"; }

 private:
  const fconv::FloatLevelKernels& level_;
  int32_t k_, n_ = 0;
  std::vector<int32_t> offsets_, widths_;  // of each convolution's channels in the merged GEMM
  fconv::PackedGemm packed_;
  float lo_ = 0, hi_ = 0;
  int64_t rows_ = 0;
  int parts_ = 1;
  size_t block_bytes_ = 0, skip_bytes_ = 0;
};

}  // namespace

std::unique_ptr<PreparedMergedConv> PrepareFloatMergedConv(const std::vector<ConvProblem>& problems,
                                                           IsaLevel level) {
  const fconv::FloatLevelKernels* kernels = fconv::FloatKernelsFor(level);
  if (kernels == nullptr || problems.size() < 2) return nullptr;
  const ConvProblem& first = problems[0];
  for (const ConvProblem& p : problems) {
    if (!IsPlain1x1(p) || p.in.n != first.in.n || p.in.h != first.in.h || p.in.w != first.in.w ||
        p.in.c != first.in.c || p.params.float_min != first.params.float_min ||
        p.params.float_max != first.params.float_max) {
      return nullptr;
    }
  }
  return std::make_unique<FloatMergedConv>(problems, *kernels);
}

}  // namespace posenet
