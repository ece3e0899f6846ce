#include "kernels/optimized/quantized/dense_pack.h"

#include <algorithm>
#include <limits>

#include "kernels/optimized/quantized/prepare_geometry.h"

namespace posenet {
namespace {

// Vectors of `lanes` channels per vpdpbusd panel, 1 to max_vectors: the least padding, ties to
// the widest (AVX-512: 6x4 tiles ran about 5% faster than 8x3 on 192 and 384 channels).
int32_t ChooseVectors(int32_t channels, int32_t lanes, int32_t max_vectors) {
  int32_t best = max_vectors;
  int64_t best_waste = std::numeric_limits<int64_t>::max();
  for (int32_t nv = max_vectors; nv >= 1; --nv) {
    const int32_t width = lanes * nv;
    const int64_t waste = int64_t{(channels + width - 1) / width} * width - channels;
    if (waste < best_waste) best = nv, best_waste = waste;
  }
  return best;
}

}  // namespace

const DenseConvKernel* DenseConvKernelFor(IsaLevel level) {
  // Scalar and the other architectures' levels have no kernel here; only the build's
  // architecture has its level files compiled (../CMakeLists.txt).
#if defined(POSENET_SIMD_WASM)
  if (level == IsaLevel::kWasmSimd128) return &kDenseConvWasm;
#else
  if (level == IsaLevel::kAvx2) return &kDenseConvAvx2;
  if (level == IsaLevel::kAvxVnni)
    return HasAvxVnni() ? &kDenseConvAvxVnni : &kDenseConvAvxVnniEvex;
  if (level == IsaLevel::kAvx512) return &kDenseConvAvx512;
#endif
  return nullptr;
}

bool PackDenseConv(const ConvProblem& problem, IsaLevel level, DenseConvPlan* plan,
                   DensePackedWeights* storage) {
  const DenseConvKernel* kernel = DenseConvKernelFor(level);
  if (problem.depthwise || kernel == nullptr) return false;
  int64_t max_bias = 0;
  if (!DenseGeometryFor(problem, plan, &max_bias)) return false;
  const ConvParams& cp = problem.params;
  const Dims4 &in = problem.in, &f = problem.filter, &out = problem.out;
  const bool is_signed = problem.type == DataType::kInt8;
  const int64_t k = int64_t{f.h} * f.w * f.c;
  const auto* bias = static_cast<const int32_t*>(problem.bias_data);

  DenseConvPlan& p = *plan;
  const bool vnni = kernel->byte_dot;
  const int32_t lanes = kernel->lanes;
  const int32_t step = vnni ? 4 : 2;  // K per vpdpbusd / vpmaddwd lane
  p.k_padded = static_cast<int32_t>((k + step - 1) / step * step);
  const bool one_by_one = f.h == 1 && f.w == 1 && cp.stride_h == 1 && cp.stride_w == 1 &&
                          cp.pad_top == 0 && cp.pad_left == 0 && in.h == out.h && in.w == out.w;
  p.direct = vnni && one_by_one && !is_signed && k % 4 == 0;
  const int32_t vectors =
      vnni ? ChooseVectors(out.c, lanes, kernel->max_vectors) : kernel->max_vectors;
  p.panel_width = lanes * vectors;
  p.panels = (out.c + p.panel_width - 1) / p.panel_width;
  p.rows_per_chunk = DenseChunkRows(int64_t{p.k_padded} * (vnni ? 1 : 2), kernel->tile_rows(p));

  // Zero points: input_offset = -zx, filter_offset = -zw.
  const int32_t zx = -cp.input_offset, zw = -cp.filter_offset;
  const int64_t columns = int64_t{p.panels} * p.panel_width;
  storage->column_constant.assign(columns, 0);
  storage->multiplier.assign(columns, 0);
  storage->left_shift.assign(columns, 0);
  storage->right_shift.assign(columns, 0);
  // Where channel n's constants and weights go. vpdpbusd: inside a panel of NV vectors,
  // channel 4*NV*i + 4j + t sits in vector j, lane 4i + t (see NarrowRow in
  // dense_vnni_driver.h); AVX2: in order.
  const int32_t group = 4 * vectors;
  auto slot = [&](int32_t n) -> int64_t {
    if (!vnni) return n;
    const int32_t panel = n / p.panel_width, c = n % p.panel_width;
    const int32_t i = c / group, j = c % group / 4, t = c % 4;
    return int64_t{panel} * p.panel_width + j * lanes + 4 * i + t;
  };
  for (int32_t n = 0; n < out.c; ++n) {
    storage->multiplier[slot(n)] = cp.requant.multiplier[n];
    storage->left_shift[slot(n)] = std::max(cp.requant.shift[n], 0);
    storage->right_shift[slot(n)] = std::max(-cp.requant.shift[n], 0);
  }
  p.simple_requant =
      k * 255 * 255 + max_bias + (int64_t{1} << 30) <= std::numeric_limits<int32_t>::max();
  for (int32_t n = 0; n < out.c; ++n) {
    const int32_t shift = cp.requant.shift[n];
    if (shift > -1 || shift < -31 ||
        cp.requant.multiplier[n] == std::numeric_limits<int32_t>::min()) {
      p.simple_requant = false;
    }
  }
  p.relu_shift =
      out.c > 0 && p.simple_requant && cp.quant_min >= cp.output_offset ? -cp.requant.shift[0] : 0;
  for (int32_t n = 1; n < out.c; ++n) {
    if (cp.requant.shift[n] != cp.requant.shift[0]) p.relu_shift = 0;
  }
  auto weight = [&](int32_t n, int64_t i) { return FilterValue(problem, n * k + i); };
  const int64_t bytes_per_weight = vnni ? 1 : 2;
  storage->packed = AlignedBuffer(columns * p.k_padded * bytes_per_weight);
  if (!storage->packed.allocated()) return false;
  const int32_t width = p.panel_width;
  if (vnni) {
    // Unsigned input u (int8: x + 128, so u - zu = x - zx), signed weights w' = w - base:
    // sum((u - zu)(w - zw)) = sum(u w') + (base - zw) sum(u) - zu sum(w - zw).
    int32_t base = is_signed ? 0 : 128;
    // When every w - zw fits int8, base = zw removes the per-pixel term (no byte sums).
    int32_t w_min = 0, w_max = 0;
    FilterRange(problem, out.c * k, &w_min, &w_max);
    if (w_min - zw >= -128 && w_max - zw <= 127) base = zw;
    const int32_t zu = is_signed ? zx + 128 : zx;
    p.pixel_scale = base - zw;
    p.input_zero = zu;
    auto* packed = reinterpret_cast<int8_t*>(storage->packed.data());
    for (int32_t n = 0; n < out.c; ++n) {
      const int32_t panel = n / width;
      const int64_t lane = slot(n) - int64_t{panel} * width;
      int64_t sum = 0;
      for (int64_t i = 0; i < k; ++i) {
        const int32_t w = weight(n, i);
        sum += w - zw;
        const int64_t q = i / 4;
        packed[((panel * (p.k_padded / 4) + q) * width + lane) * 4 + i % 4] =
            static_cast<int8_t>(w - base);
      }
      const int64_t constant = (bias != nullptr ? bias[n] : 0) - int64_t{zu} * sum;
      storage->column_constant[slot(n)] = static_cast<int32_t>(static_cast<uint32_t>(constant));
    }
  } else {
    // int16 (x - zx) * (w - zw), exact in vpmaddwd; only the bias is left.
    p.pixel_scale = 0;
    p.input_zero = zx;
    auto* packed = reinterpret_cast<int16_t*>(storage->packed.data());
    for (int32_t n = 0; n < out.c; ++n) {
      const int32_t panel = n / width, lane = n % width;
      for (int64_t i = 0; i < k; ++i) {
        packed[((panel * (p.k_padded / 2) + i / 2) * width + lane) * 2 + i % 2] =
            static_cast<int16_t>(weight(n, i) - zw);
      }
      storage->column_constant[n] = bias != nullptr ? bias[n] : 0;
    }
  }
  p.packed = storage->packed.data();
  p.column_constant = storage->column_constant.data();
  p.requant = RequantArrays{storage->multiplier.data(), storage->left_shift.data(),
                            storage->right_shift.data()};
  return true;
}

}  // namespace posenet
