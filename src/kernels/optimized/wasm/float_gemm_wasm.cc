// Float GEMM on WebAssembly SIMD128: the AVX2 kernel's scheme (float_gemm_avx2.cc) with 4-lane
// vectors, micro-tiles of up to 6 rows x 8 channels (12 accumulators, two weight vectors and one
// broadcast: within x86's 16 registers once the engine compiles it), a multiply then an add.
#include <wasm_simd128.h>

#include "kernels/optimized/float/float_gemm_driver.h"
#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

constexpr int kRows = 6;
constexpr int kLanes = 4;

template <int R, int V>
void Tile(const float* a, int64_t lda, int32_t segs, int64_t seg_stride, const float* w, int32_t k,
          const float* bias, float* out, int64_t ldc, int32_t tail, v128_t lo, v128_t hi) {
  v128_t acc[R][V];
#pragma clang loop unroll_count(8)
  for (int r = 0; r < R; ++r) {
#pragma clang loop unroll_count(4)
    for (int v = 0; v < V; ++v) acc[r][v] = wasm_f32x4_splat(0.0f);
  }
  for (int32_t seg = 0; seg < segs; ++seg, a += seg_stride, w += int64_t{k} * V * kLanes) {
    const float* rows[R];
#pragma clang loop unroll_count(16)
    for (int r = 0; r < R; ++r) rows[r] = a + r * lda;
    for (int32_t kk = 0; kk < k; ++kk) {
      v128_t wv[V];
#pragma clang loop unroll_count(4)
      for (int v = 0; v < V; ++v) wv[v] = wasm_v128_load(w + (kk * V + v) * kLanes);
#pragma clang loop unroll_count(8)
      for (int r = 0; r < R; ++r) {
        const v128_t x = wasm_v128_load32_splat(rows[r] + kk);
#pragma clang loop unroll_count(4)
        for (int v = 0; v < V; ++v) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(x, wv[v]));
      }
    }
  }
  v128_t b[V];
#pragma clang loop unroll_count(4)
  for (int v = 0; v < V; ++v) b[v] = wasm_v128_load(bias + v * kLanes);
#pragma clang loop unroll_count(8)
  for (int r = 0; r < R; ++r) {
    float* o = out + r * ldc;
#pragma clang loop unroll_count(4)
    for (int v = 0; v < V; ++v) {
      const v128_t y = wasm_f32x4_pmin(wasm_f32x4_pmax(wasm_f32x4_add(acc[r][v], b[v]), lo), hi);
      if (v + 1 < V || tail == kLanes) {
        wasm_v128_store(o + v * kLanes, y);
      } else {
        float staged[kLanes];
        wasm_v128_store(staged, y);
        for (int32_t i = 0; i < tail; ++i) o[v * kLanes + i] = staged[i];
      }
    }
  }
}

using TileFn = void (*)(const float*, int64_t, int32_t, int64_t, const float*, int32_t,
                        const float*, float*, int64_t, int32_t, v128_t, v128_t);

template <int V>
TileFn PickTile(int rows) {
  switch (rows) {
    case 1:
      return &Tile<1, V>;
    case 2:
      return &Tile<2, V>;
    case 3:
      return &Tile<3, V>;
    case 4:
      return &Tile<4, V>;
    case 5:
      return &Tile<5, V>;
    default:
      return &Tile<6, V>;
  }
}

struct Wasm {
  static constexpr int kRows = fconv::kRows, kLanes = fconv::kLanes;
  static v128_t Splat(float x) { return wasm_f32x4_splat(x); }
  static int32_t TailMask(int lanes) { return lanes; }  // the live lanes of the last vector
  static TileFn PickTile(int vectors, int rows) {
    return vectors == 2 ? fconv::PickTile<2>(rows) : fconv::PickTile<1>(rows);
  }
};

}  // namespace

void GemmWasm(const GemmPanels& w, const GemmCall& call) { DriveGemm<Wasm>(w, call); }

}  // namespace posenet::fconv
