#include "kernels/optimized/quantized_arm/dense_pack_arm.h"

#include <algorithm>
#include <limits>

#include "kernels/optimized/quantized/prepare_geometry.h"

namespace posenet {
namespace {

// Where weight (channel n, k index i) goes in its panel, in elements, by level.
int64_t WeightSlot(IsaLevel level, int32_t lane, int64_t i) {
  switch (level) {
    case IsaLevel::kNeon:  // [k][16]
      return i * kArmPanelWidth + lane;
    case IsaLevel::kDotprod:  // [k / 4][16][4]
      return i / 4 * 4 * kArmPanelWidth + lane * 4 + i % 4;
    default:  // i8mm: [k / 8][8 pairs][2][8]
      return i / 8 * 8 * kArmPanelWidth + lane / 2 * 16 + lane % 2 * 8 + i % 8;
  }
}

}  // namespace

int64_t ArmDenseScratchBytes(const ArmDensePlan& plan, int32_t element_bytes) {
  const int64_t bytes = int64_t{plan.rows_per_chunk} * (plan.k_padded * element_bytes + 4);
  return (bytes + 63) / 64 * 64;
}

bool PackArmDenseConv(const ConvProblem& problem, IsaLevel level, ArmDensePlan* plan,
                      ArmDenseWeights* storage) {
  if (problem.depthwise) return false;
  if (level != IsaLevel::kNeon && level != IsaLevel::kDotprod && level != IsaLevel::kI8mm) {
    return false;
  }
  if (problem.out.size() == 0) return false;
  int64_t max_bias = 0;
  if (!DenseGeometryFor(problem, plan, &max_bias)) return false;
  const ConvParams& cp = problem.params;
  const Dims4& out = problem.out;
  const bool is_signed = problem.type == DataType::kInt8;
  const int64_t k = plan->k;
  const auto* bias = static_cast<const int32_t*>(problem.bias_data);

  ArmDensePlan& p = *plan;
  p.k_padded = static_cast<int32_t>((k + kArmKStep - 1) / kArmKStep * kArmKStep);
  p.panels = (out.c + kArmPanelWidth - 1) / kArmPanelWidth;
  const bool wide = level == IsaLevel::kNeon;  // int16 rows and weights
  p.rows_per_chunk = DenseChunkRows(int64_t{p.k_padded} * (wide ? 2 : 1), kArmTileRows);

  const int64_t columns = int64_t{p.panels} * kArmPanelWidth;
  storage->column_constant.assign(columns, 0);
  storage->multiplier.assign(columns, 0);
  storage->left_shift.assign(columns, 0);
  storage->neg_right_shift.assign(columns, 0);
  for (int32_t n = 0; n < out.c; ++n) {
    storage->multiplier[n] = cp.requant.multiplier[n];
    storage->left_shift[n] = std::max(cp.requant.shift[n], 0);
    storage->neg_right_shift[n] = std::min(cp.requant.shift[n], 0);
  }
  // Zero points: input_offset = -zx, filter_offset = -zw.
  const int32_t zx = -cp.input_offset, zw = -cp.filter_offset;
  auto weight = [&](int32_t n, int64_t i) { return FilterValue(problem, n * k + i); };
  storage->packed = AlignedBuffer(static_cast<size_t>(columns * p.k_padded * (wide ? 2 : 1)));
  if (!storage->packed.allocated()) return false;
  p.zero_point = zx;
  if (wide) {
    // (x - zx)(w - zw) summed exactly in int32: only the bias is left.
    p.pad_value = 0, p.pixel_scale = 0;
    auto* packed = reinterpret_cast<int16_t*>(storage->packed.data());
    for (int32_t n = 0; n < out.c; ++n) {
      int16_t* panel = packed + int64_t{n / kArmPanelWidth} * kArmPanelWidth * p.k_padded;
      for (int64_t i = 0; i < k; ++i) {
        panel[WeightSlot(level, n % kArmPanelWidth, i)] = static_cast<int16_t>(weight(n, i) - zw);
      }
      storage->column_constant[n] = bias != nullptr ? bias[n] : 0;
    }
  } else {
    // Signed x' (uint8: x - 128) and w' = w - base, see dense_plan_arm.h. base = zw when every
    // w - zw fits int8 (no per-pixel sums), else the offset that makes w' int8.
    int32_t w_min = 0, w_max = 0;
    FilterRange(problem, out.c * k, &w_min, &w_max);
    const int32_t base = w_min - zw >= -128 && w_max - zw <= 127 ? zw : (is_signed ? 0 : 128);
    const int32_t zx_signed = is_signed ? zx : zx - 128;
    p.pad_value = zx_signed;
    p.pixel_scale = base - zw;
    auto* packed = reinterpret_cast<int8_t*>(storage->packed.data());
    for (int32_t n = 0; n < out.c; ++n) {
      int8_t* panel = packed + int64_t{n / kArmPanelWidth} * kArmPanelWidth * p.k_padded;
      int64_t sum = 0;
      for (int64_t i = 0; i < k; ++i) {
        const int32_t w = weight(n, i);
        sum += w - zw;
        panel[WeightSlot(level, n % kArmPanelWidth, i)] = static_cast<int8_t>(w - base);
      }
      const int64_t constant = (bias != nullptr ? bias[n] : 0) - int64_t{zx_signed} * sum;
      storage->column_constant[n] = static_cast<int32_t>(static_cast<uint32_t>(constant));
    }
  }
  p.packed = storage->packed.data();
  p.column_constant = storage->column_constant.data();
  p.multiplier = storage->multiplier.data();
  p.left_shift = storage->left_shift.data();
  p.neg_right_shift = storage->neg_right_shift.data();
  return true;
}

}  // namespace posenet
