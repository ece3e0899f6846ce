// CONV_2D in float32. A 1x1 stride-1 convolution is a GEMM whose rows are the pixels (K input
// channels contiguous) and whose columns are the output channels. Any other filter gathers a
// block of output pixels' receptive fields into per-thread scratch (im2col, padded taps 0) and
// runs the same GEMM on it. Every output element is one whole dot product computed by one
// thread, so the result does not depend on how the work is split.
#include <algorithm>

#include "base/thread_pool.h"
#include "kernels/optimized/float/float_conv.h"
#include "kernels/optimized/float/float_pack.h"

namespace posenet {
namespace {

using fconv::GemmCall;

constexpr int64_t kTileRows = 12;  // a multiple of both levels' micro-tile rows (12 and 6)

class FloatDenseConv final : public PreparedConv {
 public:
  FloatDenseConv(const ConvProblem& problem, IsaLevel level) : pb_(problem), level_(level) {
    const int32_t k = problem.filter.h * problem.filter.w * problem.in.c;
    const bool avx512 = level == IsaLevel::kAvx512;
    gemm_ = avx512 ? &fconv::GemmAvx512 : &fconv::GemmAvx2;
    fconv::PackGemm(static_cast<const float*>(problem.filter_data),
                    static_cast<const float*>(problem.bias_data), problem.out.c, k,
                    avx512 ? fconv::kAvx512PanelWidth : fconv::kAvx2PanelWidth, avx512 ? 16 : 8,
                    packed_);
    const ConvParams& p = problem.params;
    direct_ = problem.filter.h == 1 && problem.filter.w == 1 && p.stride_h == 1 &&
              p.stride_w == 1 && p.pad_top == 0 && p.pad_left == 0 &&
              problem.in.h == problem.out.h && problem.in.w == problem.out.w;
    rows_ = int64_t{problem.out.n} * problem.out.h * problem.out.w;
    if (!direct_) {
      // About 64 KiB of gathered rows per block: they stay in L1/L2 for all panels.
      block_rows_ = std::clamp<int64_t>(16384 / k / kTileRows * kTileRows, kTileRows, 240);
      slot_bytes_ = (static_cast<size_t>(block_rows_) * k * sizeof(float) + 63) / 64 * 64;
      im2col_fn_ = avx512 ? &fconv::Im2colAvx512 : &fconv::Im2colAvx2;
      im2col_.in_h = problem.in.h, im2col_.in_w = problem.in.w, im2col_.c = problem.in.c;
      im2col_.out_h = problem.out.h, im2col_.out_w = problem.out.w;
      im2col_.kh = problem.filter.h, im2col_.kw = problem.filter.w;
      im2col_.stride_h = p.stride_h, im2col_.stride_w = p.stride_w;
      im2col_.dilation_h = p.dilation_h, im2col_.dilation_w = p.dilation_w;
      im2col_.pad_top = p.pad_top, im2col_.pad_left = p.pad_left;
    }
  }

  void Run(const void* in, void* out, uint8_t* scratch, ThreadPool* pool) const override {
    const auto* x = static_cast<const float*>(in);
    auto* y = static_cast<float*>(out);
    if (direct_) {
      RunDirect(x, y, pool);
    } else {
      RunIm2col(x, y, scratch, pool);
    }
  }

  size_t scratch_bytes() const override {
    return direct_ ? 0 : slot_bytes_ * static_cast<size_t>(std::max(1, pb_.threads));
  }

  std::string name() const override {
    return std::string(level_ == IsaLevel::kAvx512 ? "avx512" : "avx2") +
           (direct_ ? " gemm 1x1" : " im2col gemm");
  }

 private:
  GemmCall Call(const float* a, int64_t lda, int64_t rows, float* out) const {
    GemmCall call;
    call.a = a, call.lda = lda, call.rows = rows;
    call.out = out, call.ldc = pb_.out.c;
    call.p_begin = 0, call.p_end = packed_.view.panels;
    call.lo = pb_.params.float_min, call.hi = pb_.params.float_max;
    return call;
  }

  void RunDirect(const float* x, float* y, ThreadPool* pool) const {
    const int threads = pool != nullptr ? pool->threads() : 1;
    const int64_t tiles = (rows_ + kTileRows - 1) / kTileRows;
    const int32_t panels = packed_.view.panels;
    const int64_t k = pb_.in.c;
    // Few pixels (deep layers): split the output channels so that each thread streams only
    // its own share of the (large) weights and the threads stay balanced.
    if (threads > 1 && tiles < 4 * threads && panels >= threads) {
      ParallelFor(pool, panels, 1, [&](int64_t begin, int64_t end) {
        GemmCall call = Call(x, k, rows_, y);
        call.p_begin = static_cast<int32_t>(begin), call.p_end = static_cast<int32_t>(end);
        gemm_(packed_.view, call);
      });
      return;
    }
    ParallelFor(pool, rows_, kTileRows, [&](int64_t begin, int64_t end) {
      gemm_(packed_.view, Call(x + begin * k, k, end - begin, y + begin * pb_.out.c));
    });
  }

  void RunIm2col(const float* x, float* y, uint8_t* scratch, ThreadPool* pool) const {
    const int parts = std::max(1, std::min(pool != nullptr ? pool->threads() : 1, pb_.threads));
    const int64_t k = packed_.view.k;
    const int64_t per_part = ((rows_ + parts - 1) / parts + kTileRows - 1) / kTileRows * kTileRows;
    ParallelFor(pool, parts, 1, [&](int64_t begin, int64_t end) {
      for (int64_t part = begin; part < end; ++part) {
        auto* a = reinterpret_cast<float*>(scratch + static_cast<size_t>(part) * slot_bytes_);
        const int64_t stop = std::min(rows_, (part + 1) * per_part);
        for (int64_t r0 = part * per_part; r0 < stop; r0 += block_rows_) {
          const int64_t r1 = std::min(stop, r0 + block_rows_);
          fconv::Im2col g = im2col_;
          g.in = x;
          im2col_fn_(g, r0, r1, a);
          gemm_(packed_.view, Call(a, k, r1 - r0, y + r0 * pb_.out.c));
        }
      }
    });
  }

  ConvProblem pb_;
  IsaLevel level_;
  void (*gemm_)(const fconv::GemmPanels&, const GemmCall&) = nullptr;
  fconv::PackedGemm packed_;
  bool direct_ = false;
  int64_t rows_ = 0;
  int64_t block_rows_ = 0;
  size_t slot_bytes_ = 0;
  fconv::Im2col im2col_;
  void (*im2col_fn_)(const fconv::Im2col&, int64_t, int64_t, float*) = nullptr;
};

}  // namespace

std::unique_ptr<PreparedConv> PrepareFloatDenseConv(const ConvProblem& problem, IsaLevel level) {
  if (level != IsaLevel::kAvx512 && level != IsaLevel::kAvx2) return nullptr;
  if (problem.in.n != problem.out.n || problem.in.c != problem.filter.c ||
      problem.filter.n != problem.out.c || problem.in.c < 1 || problem.out.size() == 0) {
    return nullptr;
  }
  return std::make_unique<FloatDenseConv>(problem, level);
}

}  // namespace posenet
