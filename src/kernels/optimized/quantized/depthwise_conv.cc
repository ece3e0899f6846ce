// DEPTHWISE_CONV_2D for uint8/int8 at AVX2, AVX-VNNI and AVX-512: packs the weights, biases and
// requantization once (depthwise_plan.h) and runs the level's row kernel (depthwise_rows.h) over
// output rows in parallel. Depth multipliers other than 1 go to the reference kernel.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "base/aligned_buffer.h"
#include "base/thread_pool.h"
#include "kernels/optimized/quantized/depthwise_plan.h"
#include "kernels/optimized/quantized/prepare_geometry.h"
#include "kernels/optimized/quantized/quantized_conv.h"

namespace posenet {
namespace {

using RowsFn = void (*)(const DepthwisePlan&, const void*, void*, int64_t, int64_t);

// The row kernel of `level`; avxvnni in the encoding this CPU has (see HasAvxVnni).
RowsFn RowsFor(IsaLevel level) {
#if defined(POSENET_SIMD_WASM)  // only the build's architecture has its level files
  static_cast<void>(level);
  return &DepthwiseRowsWasm;
#else
  switch (level) {
    case IsaLevel::kAvx512:
      return &DepthwiseRowsAvx512;
    case IsaLevel::kAvxVnni:
      return HasAvxVnni() ? &DepthwiseRowsAvxVnni : &DepthwiseRowsAvxVnniEvex;
    default:
      return &DepthwiseRowsAvx2;
  }
#endif
}

class PreparedQuantizedDepthwise final : public PreparedConv {
 public:
  PreparedQuantizedDepthwise(const ConvProblem& problem, IsaLevel level) {
    DepthwisePlan& p = plan_;
    FillDepthwiseGeometry(problem, 16, &p);
    p.simple_requant = SimpleRequant(problem);
    p.relu_shift = p.simple_requant ? ReluShift(problem) : 0;

    const int64_t taps = int64_t{p.filter_h} * p.filter_w;
    const bool is3x3 = p.filter_h == 3 && p.filter_w == 3;
    // int32 lanes per vector at this level.
    const int32_t lanes = level == IsaLevel::kAvx512 ? 16 : 8;
    // The SIMD128 rows (depthwise_conv_wasm.cc) have neither the flat nor the byte-dot path.
    const bool wasm = level == IsaLevel::kWasmSimd128;
    // Lane j of the flat arrays holds channel j % channels (see DepthwisePlan::flat_period).
    const int32_t period = std::lcm(p.channels, lanes);
    if (!wasm && p.channels % lanes != 0 && p.stride_w == 1 && is3x3 && period <= kMaxFlatPeriod) {
      p.flat_period = period;
    }
    const int64_t lanes_total = p.padded_channels + p.flat_period;
    storage_ = AlignedBuffer(static_cast<size_t>((taps + 5) * lanes_total) * sizeof(int32_t));
    auto* next = reinterpret_cast<int32_t*>(storage_.data());  // zero-filled
    p.lanes = PackLanes(problem, p.padded_channels, taps, false, next);
    next += (taps + 5) * p.padded_channels;
    if (p.flat_period > 0) p.flat_lanes = PackLanes(problem, p.flat_period, taps, true, next);

    if (!wasm && level >= IsaLevel::kAvxVnni && is3x3) {
      p.byte_lanes = PackByteLanes(problem, p, lanes, byte_storage_);
    }
    if (wasm && is3x3) p.pair_weights = PackPairWeights(p.lanes, pair_storage_);
    zero_row_ = MakeZeroRow(&p);

    rows_ = RowsFor(level);
    name_ = std::string(IsaName(level)) + " dw" + std::to_string(p.filter_h) + "x" +
            std::to_string(p.filter_w) + (p.byte_lanes.period > 0 ? " vnni" : "");
  }

  void Run(const void* in, void* out, uint8_t*, ThreadPool* pool) const override {
    // One captured pointer keeps the std::function in its inline storage (no allocation).
    struct Job {
      const PreparedQuantizedDepthwise* self;
      const void* in;
      void* out;
    } job{this, in, out};
    const int64_t rows = int64_t{plan_.batches} * plan_.out_h;
    ParallelFor(pool, rows, 1, [&job](int64_t begin, int64_t end) {
      job.self->rows_(job.self->plan_, job.in, job.out, begin, end);
    });
  }

  std::string name() const override { return name_; }

 private:
  // Longest repeated pattern for the flat path: 1024 lanes is 56 KiB of weights and biases.
  static constexpr int32_t kMaxFlatPeriod = 1024;
  // The same for the byte path: 4096 lanes is 128 KiB.
  static constexpr int32_t kMaxBytePeriod = 4096;

  // See DepthwisePlan::simple_requant. |w - zw| and |x - zx| are at most 255, so the sum of a
  // pixel's products is within taps * 255^2 of its bias.
  static bool SimpleRequant(const ConvProblem& problem) {
    const ConvParams& cp = problem.params;
    const auto* bias = static_cast<const int32_t*>(problem.bias_data);
    int64_t max_bias = 0;
    for (int32_t c = 0; c < problem.out.c; ++c) {
      if (cp.requant.multiplier[c] <= 0) return false;
      if (cp.requant.shift[c] > -1 || cp.requant.shift[c] < -31) return false;
      if (bias != nullptr) max_bias = std::max(max_bias, std::abs(int64_t{bias[c]}));
    }
    const int64_t taps = int64_t{problem.filter.h} * problem.filter.w;
    return max_bias + taps * 255 * 255 + (int64_t{1} << 30) <= INT32_MAX;
  }

  // The right shift all channels share when the clamp floor is at or above the output zero
  // point (see DepthwisePlan::relu_shift), else 0.
  static int32_t ReluShift(const ConvProblem& problem) {
    const ConvParams& cp = problem.params;
    if (cp.quant_min < cp.output_offset) return 0;
    for (int32_t c = 1; c < problem.out.c; ++c) {
      if (cp.requant.shift[c] != cp.requant.shift[0]) return 0;
    }
    return -cp.requant.shift[0];
  }

  // +1 when channel c's weights fit int8, -1 when their negations do, else 0.
  static int32_t ByteSign(const ConvProblem& problem, int32_t c) {
    int32_t lo = 0, hi = 0;
    for (int64_t t = 0; t < 9; ++t) {
      const int32_t w = FilterValue(problem, t * problem.in.c + c) + problem.params.filter_offset;
      lo = std::min(lo, w), hi = std::max(hi, w);
    }
    if (lo >= -128 && hi <= 127) return 1;
    if (lo >= -127 && hi <= 128) return -1;
    return 0;
  }

  // The 3x3 constants of DepthwiseByteLanes for vectors of `lanes` int32 lanes (blocks of
  // 4 * lanes bytes), or period 0 when some channel's weights do not fit int8 or the channels
  // suit neither flat runs nor whole blocks per pixel. Within each block, lane lanes * k + j holds
  // block channel 16 * (j / 4) + 4 * k + j % 4 (the order the kernel's byte unpacks produce).
  static DepthwiseByteLanes PackByteLanes(const ConvProblem& problem, const DepthwisePlan& p,
                                          int32_t lanes, AlignedBuffer& storage) {
    DepthwiseByteLanes l;
    const int32_t channels = p.channels;
    std::vector<int32_t> sign(channels);
    for (int32_t c = 0; c < channels; ++c) {
      sign[c] = ByteSign(problem, c);
      if (sign[c] == 0) return l;
    }
    const int64_t block = 4 * lanes;
    const int64_t blocks_per_pixel = (channels + block - 1) / block;
    const int64_t flat_period = std::lcm(int64_t{channels}, block);
    if (p.stride_w == 1 && flat_period <= kMaxBytePeriod) {
      l.period = flat_period, l.flat = true;
    } else if (channels % block == 0) {
      l.period = channels;
    } else if (channels * 4 >= block * 3 && blocks_per_pixel * block * 3 <= channels * 4) {
      // Whole blocks per pixel, the last one partial; at most a quarter of its lanes idle
      // (AVX-512: 48 and 96 channels at stride 2), still fewer instructions than int32 lanes.
      l.period = blocks_per_pixel * block;
    } else {
      return l;
    }
    const int64_t period = l.period;
    storage = AlignedBuffer(static_cast<size_t>(40 * period));  // 12 weight + 28 int32 bytes
    auto* weights = reinterpret_cast<int8_t*>(storage.data());
    auto* bias = reinterpret_cast<int32_t*>(storage.data() + 12 * period);
    int32_t* negate = bias + period;
    int32_t* multiplier = negate + period;
    int32_t* left_shift = multiplier + period;
    int32_t* right_shift = left_shift + period;
    int32_t* relu_even = right_shift + period;
    int32_t* relu_odd = relu_even + period;  // zero-filled: odd lanes stay 0
    const auto* raw_bias = static_cast<const int32_t*>(problem.bias_data);
    // int8 inputs are read as x + 128 (sign bit flipped): fold the -128 into the offset.
    const int32_t input_offset = p.input_offset - (p.is_signed ? 128 : 0);
    for (int64_t q = 0; q < period; ++q) {
      const int64_t r = q % block, k = r / lanes, j = r % lanes;
      const int64_t lane = q - r + 16 * (j / 4) + 4 * k + j % 4;
      if (!l.flat && lane >= channels) continue;  // padding lanes stay 0
      const int32_t c = static_cast<int32_t>(lane % channels);
      const int32_t s = sign[c];
      uint32_t weight_sum = 0;
      for (int64_t t = 0; t < 9; ++t) {
        const int32_t w = FilterValue(problem, t * channels + c) + problem.params.filter_offset;
        weights[((t / 4) * period + q) * 4 + t % 4] = static_cast<int8_t>(s * w);
        weight_sum += static_cast<uint32_t>(w);
      }
      const uint32_t b = static_cast<uint32_t>(raw_bias != nullptr ? raw_bias[c] : 0);
      const uint32_t interior = b + static_cast<uint32_t>(input_offset) * weight_sum;
      bias[q] = static_cast<int32_t>(s > 0 ? interior : 0u - interior);
      negate[q] = s > 0 ? 0 : -1;
      const int32_t shift = problem.params.requant.shift[c];
      multiplier[q] = problem.params.requant.multiplier[c];
      left_shift[q] = shift > 0 ? shift : 0;
      right_shift[q] = shift > 0 ? 0 : -shift;
      const int32_t signed_multiplier = s * multiplier[q];
      relu_even[q] = signed_multiplier;
      if (q % 2 == 1) relu_odd[q - 1] = signed_multiplier;
    }
    l.relu_multiplier_even = relu_even, l.relu_multiplier_odd = relu_odd;
    l.weights = weights, l.bias = bias, l.negate = negate;
    l.requant = RequantArrays{multiplier, left_shift, right_shift};
    return l;
  }

  // DepthwisePlan::pair_weights from the 3x3 lane weights (int32 lanes whose high half is 0).
  static const int32_t* PackPairWeights(const DepthwiseLanes& l, AlignedBuffer& storage) {
    storage = AlignedBuffer(static_cast<size_t>(5 * l.stride) * sizeof(int32_t));
    auto* pairs = reinterpret_cast<int32_t*>(storage.data());
    for (int64_t q = 0; q < 5; ++q) {
      for (int64_t j = 0; j < l.stride; ++j) {
        const uint32_t first = static_cast<uint32_t>(l.weights[2 * q * l.stride + j]);
        const uint32_t second =
            q < 4 ? static_cast<uint32_t>(l.weights[(2 * q + 1) * l.stride + j]) : 0u;
        pairs[q * l.stride + j] = static_cast<int32_t>(first | second << 16);
      }
    }
    return pairs;
  }

  // Fills the per-lane arrays of `count` lanes into `dst`, (taps + 5) * count zeroed int32:
  // lane j holds channel j, or channel j % channels when `repeat` (the flat arrays).
  static DepthwiseLanes PackLanes(const ConvProblem& problem, int64_t count, int64_t taps,
                                  bool repeat, int32_t* dst) {
    const ConvParams& cp = problem.params;
    const int32_t channels = problem.in.c;
    DepthwiseLanes l;
    l.stride = count;
    int32_t* weights = dst;
    int32_t* bias = weights + taps * count;
    int32_t* interior_bias = bias + count;
    int32_t* multiplier = interior_bias + count;
    int32_t* left_shift = multiplier + count;
    int32_t* right_shift = left_shift + count;
    const auto* raw_bias = static_cast<const int32_t*>(problem.bias_data);
    const int64_t filled = repeat ? count : channels;
    for (int64_t j = 0; j < filled; ++j) {
      const int32_t c = static_cast<int32_t>(j % channels);
      // uint32 arithmetic: the reference's int32 sums, without signed overflow.
      uint32_t weight_sum = 0;
      for (int64_t t = 0; t < taps; ++t) {
        const int32_t w = FilterValue(problem, t * channels + c) + cp.filter_offset;
        weights[t * count + j] = static_cast<int32_t>(static_cast<uint16_t>(w));
        weight_sum += static_cast<uint32_t>(w);
      }
      const int32_t b = raw_bias != nullptr ? raw_bias[c] : 0;
      bias[j] = b;
      interior_bias[j] = static_cast<int32_t>(static_cast<uint32_t>(b) +
                                              static_cast<uint32_t>(cp.input_offset) * weight_sum);
      const int32_t shift = cp.requant.shift[c];
      multiplier[j] = cp.requant.multiplier[c];
      left_shift[j] = shift > 0 ? shift : 0;
      right_shift[j] = shift > 0 ? 0 : -shift;
    }
    l.weights = weights, l.bias = bias, l.interior_bias = interior_bias;
    l.requant = RequantArrays{multiplier, left_shift, right_shift};
    return l;
  }

  DepthwisePlan plan_;
  AlignedBuffer storage_;
  AlignedBuffer byte_storage_;
  AlignedBuffer pair_storage_;
  AlignedBuffer zero_row_;
  RowsFn rows_ = nullptr;
  std::string name_;
};

bool Supported(const ConvProblem& problem, IsaLevel level) {
  const ConvParams& p = problem.params;
  if (level == IsaLevel::kScalar) return false;
  if (problem.type != DataType::kUInt8 && problem.type != DataType::kInt8) return false;
  if (p.depth_multiplier != 1 || problem.filter.n != 1) return false;
  if (problem.in.c != problem.out.c || problem.filter.c != problem.out.c) return false;
  if (problem.in.n != problem.out.n) return false;
  if (p.stride_h < 1 || p.stride_w < 1 || p.dilation_h < 1 || p.dilation_w < 1) return false;
  if (problem.out.size() == 0 || problem.filter.h < 1 || problem.filter.w < 1) return false;
  return static_cast<int32_t>(p.requant.multiplier.size()) == problem.out.c &&
         static_cast<int32_t>(p.requant.shift.size()) == problem.out.c;
}

}  // namespace

std::unique_ptr<PreparedConv> PrepareQuantizedDepthwiseConv(const ConvProblem& problem,
                                                            IsaLevel level) {
  if (!Supported(problem, level)) return nullptr;
  return std::make_unique<PreparedQuantizedDepthwise>(problem, level);
}

}  // namespace posenet
