// CONV_2D in float32. A 1x1 stride-1 convolution is a GEMM whose rows are the pixels (K input
// channels contiguous) and whose columns are the output channels. Other filters run the same
// GEMM on the input in place where the window lies inside it (see RunRow), and on receptive
// fields gathered into per-thread scratch (im2col, padded taps 0) elsewhere. Every output element
// is one whole dot product computed by one thread, so the result does not depend on how the work is
// split.
#include <algorithm>

#include "base/thread_pool.h"
#include "kernels/optimized/float/float_conv.h"
#include "kernels/optimized/float/float_levels.h"
#include "kernels/optimized/float/float_pack.h"

namespace posenet {
namespace {

using fconv::GemmCall;

constexpr int64_t kTileRows = 12;  // a multiple of every level's micro-tile rows (12 and 6)
// Zero skipping (levels that have it: float_skip_gemm_avx512.cc) for 1x1 layers of at least 3
// vectors of output channels; blocks of rows that keep over 92% of their k run the dense kernel.
constexpr int32_t kSkipMinChannels = 48;
using fconv::kSkipMaxListedPercent;

class FloatDenseConv final : public PreparedConv {
 public:
  FloatDenseConv(const ConvProblem& problem, const fconv::FloatLevelKernels& level)
      : pb_(problem), level_(level) {
    const int32_t k = problem.filter.h * problem.filter.w * problem.in.c;
    gemm_ = level.gemm;
    fconv::PackGemm(static_cast<const float*>(problem.filter_data),
                    static_cast<const float*>(problem.bias_data), problem.out.c, k,
                    level.panel_width, level.vector, packed_);
    const ConvParams& p = problem.params;
    direct_ = problem.filter.h == 1 && problem.filter.w == 1 && p.stride_h == 1 &&
              p.stride_w == 1 && p.pad_top == 0 && p.pad_left == 0 &&
              problem.in.h == problem.out.h && problem.in.w == problem.out.w;
    rows_ = int64_t{problem.out.n} * problem.out.h * problem.out.w;
    // The inputs of MobileNet's 1x1 layers come out of ReLU6: 15-55% exact zeros, clustered
    // by channel over neighbouring pixels, which the skipping GEMM leaves out.
    skip_ = direct_ && level.skip_gemm != nullptr && problem.out.c >= kSkipMinChannels;
    if (skip_) slot_bytes_ = level.skip_scratch_bytes(k);
    if (!direct_) {
      // About 64 KiB of gathered rows per block: they stay in L1/L2 for all panels.
      block_rows_ = std::clamp<int64_t>(16384 / k / kTileRows * kTileRows, kTileRows, 240);
      slot_bytes_ = (static_cast<size_t>(block_rows_) * k * sizeof(float) + 63) / 64 * 64;
      im2col_fn_ = level.im2col;
      im2col_.in_h = problem.in.h, im2col_.in_w = problem.in.w, im2col_.c = problem.in.c;
      im2col_.out_h = problem.out.h, im2col_.out_w = problem.out.w;
      im2col_.kh = problem.filter.h, im2col_.kw = problem.filter.w;
      im2col_.stride_h = p.stride_h, im2col_.stride_w = p.stride_w;
      im2col_.dilation_h = p.dilation_h, im2col_.dilation_w = p.dilation_w;
      im2col_.pad_top = p.pad_top, im2col_.pad_left = p.pad_left;
      // Output columns whose kw taps all lie inside the input: [x_lo_, x_hi_).
      direct_rows_ = p.dilation_w == 1;
      const int32_t room = problem.in.w - problem.filter.w + p.pad_left;
      x_hi_ = room < 0 ? 0 : std::min(problem.out.w, room / p.stride_w + 1);
      x_lo_ = std::min(x_hi_, (p.pad_left + p.stride_w - 1) / p.stride_w);
    }
  }

  void Run(const void* in, void* out, uint8_t* scratch, ThreadPool* pool) const override {
    const auto* x = static_cast<const float*>(in);
    auto* y = static_cast<float*>(out);
    if (skip_) {
      RunSkip(x, y, scratch, pool);
    } else if (direct_) {
      RunDirect(x, y, pool);
    } else {
      RunWindows(x, y, scratch, pool);
    }
  }

  size_t scratch_bytes() const override {
    return direct_ && !skip_ ? 0 : slot_bytes_ * static_cast<size_t>(std::max(1, pb_.threads));
  }

  bool streams_rows() const override { return pb_.in.n == 1; }

  void RunRows(const RowWindow& window, int32_t row_begin, int32_t row_end,
               uint8_t* scratch) const override {
    const auto* x = static_cast<const float*>(window.in);
    auto* y = static_cast<float*>(window.out);
    if (direct_) {  // input and output rows have the same pixels
      const int64_t width = pb_.out.w, k = pb_.in.c;
      const GemmCall call =
          Call(x + (row_begin - window.in_row0) * width * k, k, (row_end - row_begin) * width,
               y + (row_begin - window.out_row0) * width * pb_.out.c);
      if (skip_) {
        level_.skip_gemm(packed_.view, call, kSkipMaxListedPercent, scratch);
      } else {
        gemm_(packed_.view, call);
      }
      return;
    }
    for (int64_t q = row_begin; q < row_end; ++q) {
      RunRow(x, window.in_row0, y, int64_t{window.out_row0} * pb_.out.w, q,
             reinterpret_cast<float*>(scratch));
    }
  }

  size_t row_scratch_bytes() const override { return direct_ && !skip_ ? 0 : slot_bytes_; }

  std::string name() const override {
    const char* path = skip_          ? " skip gemm 1x1"
                       : direct_      ? " gemm 1x1"
                       : direct_rows_ ? " direct gemm"
                                      : " im2col gemm";
    return std::string(level_.name) + path;
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

  // As RunDirect, through the zero-skipping GEMM, in `parts` ranges that each own a scratch slot.
  void RunSkip(const float* x, float* y, uint8_t* scratch, ThreadPool* pool) const {
    const int parts = std::max(1, std::min(pool != nullptr ? pool->threads() : 1, pb_.threads));
    const int64_t tiles = (rows_ + kTileRows - 1) / kTileRows;
    const int32_t panels = packed_.view.panels;
    const int64_t k = pb_.in.c;
    const bool split_panels = parts > 1 && tiles < 4 * parts && panels >= 3 * parts;
    ParallelFor(pool, parts, 1, [&](int64_t begin, int64_t end) {
      for (int64_t part = begin; part < end; ++part) {
        uint8_t* slot = scratch + static_cast<size_t>(part) * slot_bytes_;
        GemmCall call = Call(x, k, rows_, y);
        if (split_panels) {  // in whole tiles of the skipping kernel
          const int64_t group = (fconv::kSkipVectors + 1) / 2,
                        groups = (panels + group - 1) / group;
          call.p_begin =
              static_cast<int32_t>(std::min<int64_t>(panels, groups * part / parts * group));
          call.p_end =
              static_cast<int32_t>(std::min<int64_t>(panels, groups * (part + 1) / parts * group));
        } else {
          const int64_t per_part = (tiles + parts - 1) / parts * kTileRows;
          const int64_t r0 = std::min(rows_, part * per_part);
          const int64_t r1 = std::min(rows_, r0 + per_part);
          call.a = x + r0 * k, call.out = y + r0 * pb_.out.c, call.rows = r1 - r0;
        }
        if (call.rows > 0 && call.p_end > call.p_begin) {
          level_.skip_gemm(packed_.view, call, kSkipMaxListedPercent, slot);
        }
      }
    });
  }

  // Filters other than 1x1 stride 1 go by output image rows. A row whose filter rows all lie
  // inside the input (and dilation_w is 1) runs its interior pixels as a GEMM reading the input
  // in place: pixel x's row is kh runs of kw * c floats, stride_w * c floats after pixel x-1's.
  // Its border pixels, and rows that touch top or bottom padding, gather into scratch first.
  void RunWindows(const float* x, float* y, uint8_t* scratch, ThreadPool* pool) const {
    const int parts = std::max(1, std::min(pool != nullptr ? pool->threads() : 1, pb_.threads));
    const int64_t out_rows = int64_t{pb_.out.n} * pb_.out.h;
    const int64_t per_part = (out_rows + parts - 1) / parts;
    ParallelFor(pool, parts, 1, [&](int64_t begin, int64_t end) {
      for (int64_t part = begin; part < end; ++part) {
        auto* a = reinterpret_cast<float*>(scratch + static_cast<size_t>(part) * slot_bytes_);
        const int64_t stop = std::min(out_rows, (part + 1) * per_part);
        for (int64_t q = part * per_part; q < stop; ++q) RunRow(x, 0, y, 0, q, a);
      }
    });
  }

  // `x` holds input rows from in_row0 on, `y` output pixels from out_px0 on (row windows).
  void RunRow(const float* x, int32_t in_row0, float* y, int64_t out_px0, int64_t q,
              float* a) const {
    const ConvParams& p = pb_.params;
    const int64_t b = q / pb_.out.h;
    const int32_t iy0 = static_cast<int32_t>(q % pb_.out.h) * p.stride_h - p.pad_top;
    const int64_t r_row = q * pb_.out.w;  // flattened index of the row's first pixel
    const bool inside = iy0 >= 0 && iy0 + (pb_.filter.h - 1) * p.dilation_h < pb_.in.h;
    if (!direct_rows_ || !inside || x_hi_ <= x_lo_) {
      Gathered(x, in_row0, y, out_px0, r_row, r_row + pb_.out.w, a);
      return;
    }
    const int64_t c = pb_.in.c;
    GemmCall call =
        Call(x + ((b * pb_.in.h + iy0 - in_row0) * pb_.in.w + x_lo_ * p.stride_w - p.pad_left) * c,
             p.stride_w * c, x_hi_ - x_lo_, y + (r_row + x_lo_ - out_px0) * pb_.out.c);
    call.segments = pb_.filter.h;
    call.segment_stride = int64_t{p.dilation_h} * pb_.in.w * c;
    gemm_(packed_.view, call);
    Gathered(x, in_row0, y, out_px0, r_row, r_row + x_lo_, a);
    Gathered(x, in_row0, y, out_px0, r_row + x_hi_, r_row + pb_.out.w, a);
  }

  // Output pixels [r0, r1) (batch-flattened) through im2col blocks in `a`.
  void Gathered(const float* x, int32_t in_row0, float* y, int64_t out_px0, int64_t r0, int64_t r1,
                float* a) const {
    fconv::Im2col g = im2col_;
    g.in = x, g.in_row0 = in_row0;
    for (; r0 < r1; r0 += block_rows_) {
      const int64_t end = std::min(r1, r0 + block_rows_);
      im2col_fn_(g, r0, end, a);
      gemm_(packed_.view, Call(a, packed_.view.k, end - r0, y + (r0 - out_px0) * pb_.out.c));
    }
  }

  ConvProblem pb_;
  const fconv::FloatLevelKernels& level_;
  void (*gemm_)(const fconv::GemmPanels&, const GemmCall&) = nullptr;
  fconv::PackedGemm packed_;
  bool direct_ = false;
  bool skip_ = false;
  int64_t rows_ = 0;
  int64_t block_rows_ = 0;
  size_t slot_bytes_ = 0;
  fconv::Im2col im2col_;
  bool direct_rows_ = false;
  int32_t x_lo_ = 0, x_hi_ = 0;
  void (*im2col_fn_)(const fconv::Im2col&, int64_t, int64_t, float*) = nullptr;
};

}  // namespace

std::unique_ptr<PreparedConv> PrepareFloatDenseConv(const ConvProblem& problem, IsaLevel level) {
  const fconv::FloatLevelKernels* kernels = fconv::FloatKernelsFor(level);
  if (kernels == nullptr) return nullptr;
  if (problem.in.n != problem.out.n || problem.in.c != problem.filter.c ||
      problem.filter.n != problem.out.c || problem.in.c < 1 || problem.out.size() == 0) {
    return nullptr;
  }
  return std::make_unique<FloatDenseConv>(problem, *kernels);
}

}  // namespace posenet
