#include "kernels/optimized/quantized/prepare_geometry.h"

#include <cstring>
#include <limits>

namespace posenet {

bool DenseGeometryFor(const ConvProblem& problem, DenseGeometry* g, int64_t* max_bias) {
  if (problem.type != DataType::kUInt8 && problem.type != DataType::kInt8) return false;
  const ConvParams& cp = problem.params;
  const Dims4 &in = problem.in, &f = problem.filter, &out = problem.out;
  if (f.c != in.c || f.n != out.c || in.n != out.n || problem.filter_data == nullptr) return false;
  if (static_cast<int32_t>(cp.requant.multiplier.size()) < out.c ||
      static_cast<int32_t>(cp.requant.shift.size()) < out.c) {
    return false;
  }
  const int64_t k = int64_t{f.h} * f.w * f.c;
  const auto* bias = static_cast<const int32_t*>(problem.bias_data);
  *max_bias = 0;
  for (int32_t n = 0; bias != nullptr && n < out.c; ++n) {
    *max_bias = std::max<int64_t>(*max_bias, bias[n] < 0 ? -int64_t{bias[n]} : bias[n]);
  }
  if (k * 255 * 255 + *max_bias > std::numeric_limits<int32_t>::max()) return false;

  DenseGeometry& p = *g;
  p.batch = out.n, p.in_h = in.h, p.in_w = in.w, p.in_c = in.c;
  p.out_h = out.h, p.out_w = out.w, p.out_c = out.c;
  p.kh = f.h, p.kw = f.w, p.stride_h = cp.stride_h, p.stride_w = cp.stride_w;
  p.dilation_h = cp.dilation_h, p.dilation_w = cp.dilation_w;
  p.pad_top = cp.pad_top, p.pad_left = cp.pad_left;
  p.k = static_cast<int32_t>(k);
  p.signed_io = problem.type == DataType::kInt8;
  p.output_offset = cp.output_offset, p.quant_min = cp.quant_min, p.quant_max = cp.quant_max;
  return true;
}

int32_t DenseChunkRows(int64_t row_bytes, int32_t tile_rows) {
  const int64_t rows = std::clamp<int64_t>(32768 / std::max<int64_t>(row_bytes, 1), 1, 512);
  return static_cast<int32_t>(std::max<int64_t>(tile_rows, rows / tile_rows * tile_rows));
}

void FilterRange(const ConvProblem& problem, int64_t count, int32_t* low, int32_t* high) {
  int32_t w_min = 255, w_max = -128;
  for (int64_t i = 0; i < count; ++i) {
    const int32_t w = FilterValue(problem, i);
    w_min = std::min(w_min, w), w_max = std::max(w_max, w);
  }
  *low = w_min, *high = w_max;
}

void FillDepthwiseGeometry(const ConvProblem& problem, int32_t channel_block,
                           DepthwiseGeometry* g) {
  const ConvParams& cp = problem.params;
  DepthwiseGeometry& p = *g;
  p.is_signed = problem.type == DataType::kInt8;
  p.batches = problem.in.n, p.in_h = problem.in.h, p.in_w = problem.in.w;
  p.channels = problem.in.c;
  p.out_h = problem.out.h, p.out_w = problem.out.w;
  p.filter_h = problem.filter.h, p.filter_w = problem.filter.w;
  p.stride_h = cp.stride_h, p.stride_w = cp.stride_w;
  p.dilation_h = cp.dilation_h, p.dilation_w = cp.dilation_w;
  p.pad_top = cp.pad_top, p.pad_left = cp.pad_left;
  p.padded_channels = (p.channels + channel_block - 1) / channel_block * channel_block;
  p.input_offset = cp.input_offset, p.output_offset = cp.output_offset;
  p.quant_min = cp.quant_min, p.quant_max = cp.quant_max;
  // Both ends of a column's window grow with the column: the interior columns are one run.
  p.interior_x_begin = p.interior_x_end = 0;
  for (int32_t ox = 0; ox < p.out_w; ++ox) {
    const int32_t first = ox * p.stride_w - p.pad_left;
    if (first < 0 || first + (p.filter_w - 1) * p.dilation_w > p.in_w - 1) continue;
    if (p.interior_x_end == 0) p.interior_x_begin = ox;
    p.interior_x_end = ox + 1;
  }
}

AlignedBuffer MakeZeroRow(DepthwiseGeometry* g) {
  AlignedBuffer row(static_cast<size_t>(g->in_w) * g->channels);
  std::memset(row.data(), static_cast<uint8_t>(-g->input_offset), row.size());
  g->zero_row = row.data();
  return row;
}

}  // namespace posenet
