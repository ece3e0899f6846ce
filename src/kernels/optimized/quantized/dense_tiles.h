// The blocking the dense kernels share (dense_vnni_driver.h, dense_conv_avx2.cc): output rows in
// chunks of plan.rows_per_chunk; `chunk` prepares a chunk's rows once (gathers and sums them),
// then each panel of output channels runs over all of them in tiles of MR rows, so the panel's
// weights stay in L1 while the chunk streams from L1/L2. Include only from those files (the
// unnamed namespace gives each its own copy, compiled with its flags).
#pragma once

#include <cstdint>

#include "kernels/optimized/quantized/dense_plan.h"

namespace posenet {
namespace {

// A chunk's rows as `chunk` returns them: row i at base + i * stride.
template <class T>
struct ChunkRows {
  const T* base;
  int64_t stride;
};

// chunk(first_row, rows) -> ChunkRows<T>; tile(rows[MR], panel, first column, valid channels,
// first row of the chunk, first row of the tile within it, valid rows). Tile rows past the
// valid ones repeat the last valid row; the tile must not store them.
template <int MR, class T, class Chunk, class Tile>
inline void ForEachTile(const DenseConvPlan& p, int64_t row_begin, int64_t row_end,
                        int32_t panel_begin, int32_t panel_end, const Chunk& chunk,
                        const Tile& tile) {
  const int64_t rows_per_chunk = p.rows_per_chunk;
  for (int64_t c0 = row_begin; c0 < row_end; c0 += rows_per_chunk) {
    const int64_t n_rows = row_end - c0 < rows_per_chunk ? row_end - c0 : rows_per_chunk;
    const ChunkRows<T> a = chunk(c0, n_rows);
    for (int32_t pi = panel_begin; pi < panel_end; ++pi) {
      const int32_t col = pi * p.panel_width;
      const int32_t valid_channels = p.out_c - col < p.panel_width ? p.out_c - col : p.panel_width;
      for (int64_t t = 0; t < n_rows; t += MR) {
        const int32_t valid = static_cast<int32_t>(n_rows - t < MR ? n_rows - t : MR);
        const T* rows[MR];
        for (int r = 0; r < MR; ++r)
          rows[r] = a.base + (t + (r < valid ? r : valid - 1)) * a.stride;
        tile(rows, pi, col, valid_channels, c0, t, valid);
      }
    }
  }
}

}  // namespace
}  // namespace posenet
