// The blocking shared by the float GEMMs of every level (include only from the level files,
// float_gemm_<level>.cc; the unnamed namespace gives each level its own copy, compiled with its
// own flags). `Level` supplies kRows, kLanes, Splat (a clamp bound in every lane), TailMask (the
// live lanes of a panel's last vector) and PickTile (the micro-kernel for a tile's vectors and
// rows).
#pragma once

#include <cstdint>

#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

template <class Level>
void DriveGemm(const GemmPanels& w, const GemmCall& call) {
  constexpr int kRows = Level::kRows, kLanes = Level::kLanes;
  const int32_t k = w.k;
  // About 1 MiB of input rows per block (half of L2), at least one tile.
  const int64_t block = k > 0 ? (262144 / k) / kRows * kRows : kRows;
  const int64_t block_rows = block < kRows ? kRows : block;
  const auto lo = Level::Splat(call.lo), hi = Level::Splat(call.hi);
  for (int64_t m0 = 0; m0 < call.rows; m0 += block_rows) {
    const int64_t m1 = m0 + block_rows < call.rows ? m0 + block_rows : call.rows;
    for (int32_t p = call.p_begin; p < call.p_end; ++p) {
      const int32_t c0 = p * w.width;
      const int32_t live = w.n - c0 < w.width ? w.n - c0 : w.width;
      const int vectors = (live + kLanes - 1) / kLanes;
      const auto tail = Level::TailMask(live - (vectors - 1) * kLanes);
      const float* panel = w.data + int64_t{c0} * k;
      const float* bias = w.bias + c0;
      // Tiles of near-equal height (81 rows: 12,12,12,12,11,11,11 rather than six of 12 and
      // one of 9), since a short tile costs almost as much weight traffic as a full one.
      const int64_t n = m1 - m0, tiles = (n + kRows - 1) / kRows;
      // Each tile also asks for its share of the next panel's weights (into L2), so the panel
      // after this one does not start with a wait on memory (9x9x1024: 4 MiB of weights).
      const char* next = p + 1 < call.p_end
                             ? reinterpret_cast<const char*>(panel + int64_t{w.width} * k)
                             : nullptr;
      const int64_t next_bytes =
          next != nullptr
              ? int64_t{w.n - c0 - w.width < w.width ? w.n - c0 - w.width : w.width} * 4 * k
              : 0;
      const int64_t share = (next_bytes / 64 + tiles - 1) / tiles * 64;
      int64_t m = m0;
      for (int64_t t = 0; t < tiles; ++t) {
        const int rows = static_cast<int>(n / tiles + (t < n % tiles ? 1 : 0));
        for (int64_t off = t * share; off < (t + 1) * share && off < next_bytes; off += 64) {
          __builtin_prefetch(next + off, 0, 2);  // read, into L2 (x86: prefetcht1)
        }
        Level::PickTile(vectors, rows)(call.a + m * call.lda, call.lda, call.segments,
                                       call.segment_stride, panel, k / call.segments, bias,
                                       call.out + m * call.ldc + c0, call.ldc, tail, lo, hi);
        m += rows;
      }
    }
  }
}

}  // namespace
}  // namespace posenet::fconv
