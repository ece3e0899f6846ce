// DEPTHWISE_CONV_2D for uint8/int8 on AArch64 (every level runs the Advanced SIMD row kernel):
// packs weights, biases and requantization once (depthwise_plan_arm.h) and runs output rows in
// parallel. Depth multipliers other than 1 and filters over 16 taps a side go to the reference.
#include <algorithm>
#include <cstring>
#include <string>

#include "base/aligned_buffer.h"
#include "base/thread_pool.h"
#include "kernels/optimized/quantized/prepare_geometry.h"
#include "kernels/optimized/quantized_arm/depthwise_plan_arm.h"
#include "kernels/optimized/quantized_arm/quantized_conv_arm.h"

namespace posenet {
namespace {

class ArmDepthwiseConv final : public PreparedConv {
 public:
  ArmDepthwiseConv(const ConvProblem& problem, IsaLevel level) : level_(level) {
    const ConvParams& cp = problem.params;
    ArmDepthwisePlan& p = plan_;
    FillDepthwiseGeometry(problem, 8, &p);

    const int64_t taps = int64_t{p.filter_h} * p.filter_w, lanes = p.padded_channels;
    weights_ = AlignedBuffer(static_cast<size_t>(taps * lanes) * sizeof(int16_t));
    constants_ = AlignedBuffer(static_cast<size_t>(5 * lanes) * sizeof(int32_t));
    auto* w = reinterpret_cast<int16_t*>(weights_.data());
    auto* bias = reinterpret_cast<int32_t*>(constants_.data());
    int32_t* interior_bias = bias + lanes;
    int32_t* multiplier = interior_bias + lanes;
    int32_t* left_shift = multiplier + lanes;
    int32_t* neg_right_shift = left_shift + lanes;
    const auto* raw_bias = static_cast<const int32_t*>(problem.bias_data);
    for (int32_t c = 0; c < p.channels; ++c) {
      // uint32 arithmetic: the reference's int32 sums, without signed overflow.
      uint32_t weight_sum = 0;
      for (int64_t t = 0; t < taps; ++t) {
        const int32_t weight = FilterValue(problem, t * p.channels + c) + cp.filter_offset;
        w[t * lanes + c] = static_cast<int16_t>(weight);
        weight_sum += static_cast<uint32_t>(weight);
      }
      bias[c] = raw_bias != nullptr ? raw_bias[c] : 0;
      interior_bias[c] = static_cast<int32_t>(static_cast<uint32_t>(bias[c]) +
                                              static_cast<uint32_t>(cp.input_offset) * weight_sum);
      multiplier[c] = cp.requant.multiplier[c];
      left_shift[c] = std::max(cp.requant.shift[c], 0);
      neg_right_shift[c] = std::min(cp.requant.shift[c], 0);
    }
    p.weights = w, p.bias = bias, p.interior_bias = interior_bias;
    p.multiplier = multiplier, p.left_shift = left_shift, p.neg_right_shift = neg_right_shift;
    zero_row_ = MakeZeroRow(&p);
    name_ = std::string(IsaName(level_)) + " dw" + std::to_string(p.filter_h) + "x" +
            std::to_string(p.filter_w);
  }

  void Run(const void* in, void* out, uint8_t*, ThreadPool* pool) const override {
    // One captured pointer keeps the std::function in its inline storage (no allocation).
    struct Job {
      const ArmDepthwisePlan* plan;
      const uint8_t* in;
      uint8_t* out;
    } job{&plan_, static_cast<const uint8_t*>(in), static_cast<uint8_t*>(out)};
    const int64_t rows = int64_t{plan_.batches} * plan_.out_h;
    ParallelFor(pool, rows, 1, [&job](int64_t begin, int64_t end) {
      DepthwiseRowsNeon(*job.plan, job.in, job.out, begin, end);
    });
  }

  std::string name() const override { return name_; }

 private:
  IsaLevel level_;
  ArmDepthwisePlan plan_;
  AlignedBuffer weights_, constants_, zero_row_;
  std::string name_;
};

bool Supported(const ConvProblem& problem, IsaLevel level) {
  const ConvParams& p = problem.params;
  if (level != IsaLevel::kNeon && level != IsaLevel::kDotprod && level != IsaLevel::kI8mm) {
    return false;
  }
  if (problem.type != DataType::kUInt8 && problem.type != DataType::kInt8) return false;
  if (p.depth_multiplier != 1 || problem.filter.n != 1) return false;
  if (problem.in.c != problem.out.c || problem.filter.c != problem.out.c) return false;
  if (problem.in.n != problem.out.n || problem.filter_data == nullptr) return false;
  if (p.stride_h < 1 || p.stride_w < 1 || p.dilation_h < 1 || p.dilation_w < 1) return false;
  if (problem.out.size() == 0 || problem.filter.h < 1 || problem.filter.w < 1) return false;
  if (problem.filter.h > kArmDepthwiseMaxFilter || problem.filter.w > kArmDepthwiseMaxFilter) {
    return false;
  }
  return static_cast<int32_t>(p.requant.multiplier.size()) == problem.out.c &&
         static_cast<int32_t>(p.requant.shift.size()) == problem.out.c;
}

}  // namespace

std::unique_ptr<PreparedConv> PrepareArmDepthwiseConv(const ConvProblem& problem, IsaLevel level) {
  if (!Supported(problem, level)) return nullptr;
  return std::make_unique<ArmDepthwiseConv>(problem, level);
}

}  // namespace posenet
