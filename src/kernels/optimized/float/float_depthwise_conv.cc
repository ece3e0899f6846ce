// DEPTHWISE_CONV_2D in float32 for 3x3 filters with depth multiplier 1 (every depthwise layer
// of MobileNet v1, at any stride, dilation and padding). Threads split the output rows.
#include <algorithm>

#include "base/thread_pool.h"
#include "kernels/optimized/float/float_conv.h"
#include "kernels/optimized/float/float_levels.h"
#include "kernels/optimized/float/float_pack.h"

namespace posenet {
namespace {

class FloatDepthwiseConv final : public PreparedConv {
 public:
  FloatDepthwiseConv(const ConvProblem& pb, const fconv::FloatLevelKernels& level) : level_(level) {
    fconv::PackDepthwise3x3(static_cast<const float*>(pb.filter_data),
                            static_cast<const float*>(pb.bias_data), pb.in.c, packed_);
    const ConvParams& p = pb.params;
    args_.w = reinterpret_cast<const float*>(packed_.w.data());
    args_.bias = reinterpret_cast<const float*>(packed_.bias.data());
    args_.in_h = pb.in.h, args_.in_w = pb.in.w, args_.c = pb.in.c;
    args_.c_padded = packed_.c_padded;
    args_.out_h = pb.out.h, args_.out_w = pb.out.w;
    args_.stride_h = p.stride_h, args_.stride_w = p.stride_w;
    args_.dilation_h = p.dilation_h, args_.dilation_w = p.dilation_w;
    args_.pad_top = p.pad_top, args_.pad_left = p.pad_left;
    args_.lo = p.float_min, args_.hi = p.float_max;
    args_.x_lo = p.pad_left > 0 ? (p.pad_left + p.stride_w - 1) / p.stride_w : 0;
    const int32_t last = pb.in.w - 1 - 2 * p.dilation_w + p.pad_left;
    args_.x_hi = std::min(last < 0 ? 0 : last / p.stride_w + 1, pb.out.w);
    args_.x_lo = std::min(args_.x_lo, args_.x_hi);
    rows_ = int64_t{pb.out.n} * pb.out.h;
    rows_fn_ = level.depthwise3x3;
  }

  void Run(const void* in, void* out, uint8_t*, ThreadPool* pool) const override {
    fconv::Depthwise3x3 args = args_;
    args.in = static_cast<const float*>(in);
    args.out = static_cast<float*>(out);
    ParallelFor(pool, rows_, 1, [&](int64_t begin, int64_t end) { rows_fn_(args, begin, end); });
  }

  std::string name() const override { return std::string(level_.name) + " dw3x3"; }

  bool streams_rows() const override { return rows_ == args_.out_h; }  // batch 1
  void RunRows(const RowWindow& window, int32_t row_begin, int32_t row_end,
               uint8_t*) const override {
    fconv::Depthwise3x3 args = args_;
    args.in = static_cast<const float*>(window.in), args.in_row0 = window.in_row0;
    args.out = static_cast<float*>(window.out), args.out_row0 = window.out_row0;
    rows_fn_(args, row_begin, row_end);
  }

 private:
  const fconv::FloatLevelKernels& level_;
  fconv::PackedDepthwise packed_;
  fconv::Depthwise3x3 args_;
  int64_t rows_ = 0;
  void (*rows_fn_)(const fconv::Depthwise3x3&, int64_t, int64_t) = nullptr;
};

}  // namespace

std::unique_ptr<PreparedConv> PrepareFloatDepthwiseConv(const ConvProblem& problem,
                                                        IsaLevel level) {
  const fconv::FloatLevelKernels* kernels = fconv::FloatKernelsFor(level);
  if (kernels == nullptr) return nullptr;
  if (problem.params.depth_multiplier != 1 || problem.filter.h != 3 || problem.filter.w != 3 ||
      problem.filter.c != problem.in.c || problem.out.c != problem.in.c ||
      problem.in.n != problem.out.n || problem.out.size() == 0) {
    return nullptr;
  }
  return std::make_unique<FloatDepthwiseConv>(problem, *kernels);
}

}  // namespace posenet
