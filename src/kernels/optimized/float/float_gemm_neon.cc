// Advanced SIMD float GEMM (every AArch64 CPU): micro-tiles of up to 6 rows x 16 channels in 24
// accumulators. Each row's inputs are loaded four k at a time and multiplied by lane (FMLA by
// element), so a k step costs four weight loads for 24 FMAs; k is summed in order, as at the
// other levels.
#include <arm_neon.h>

#include <utility>

#include "kernels/optimized/float/float_gemm_driver.h"
#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

constexpr int kRows = 6;
constexpr int kLanes = 4;

// acc[r][v] += x[r][J] * (weights of k step J), for J one of the four k held in x.
template <int R, int V, int J>
inline void Step(float32x4_t (&acc)[R][V], const float32x4_t (&x)[R], const float* w) {
  float32x4_t wv[V];
  for (int v = 0; v < V; ++v) wv[v] = vld1q_f32(w + (J * V + v) * kLanes);
  for (int r = 0; r < R; ++r) {
    for (int v = 0; v < V; ++v) acc[r][v] = vfmaq_laneq_f32(acc[r][v], wv[v], x[r], J);
  }
}

// `tail`: live lanes of the last vector (1..4).
template <int R, int V>
void Tile(const float* a, int64_t lda, int32_t segs, int64_t seg_stride, const float* w, int32_t k,
          const float* bias, float* out, int64_t ldc, int tail, float32x4_t lo, float32x4_t hi) {
  float32x4_t acc[R][V];
  for (int r = 0; r < R; ++r) {
    for (int v = 0; v < V; ++v) acc[r][v] = vdupq_n_f32(0.0f);
  }
  for (int32_t seg = 0; seg < segs; ++seg, a += seg_stride, w += int64_t{k} * V * kLanes) {
    const float* rows[R];
    for (int r = 0; r < R; ++r) rows[r] = a + r * lda;
    const float* wk = w;
    int32_t kk = 0;
    for (; kk + 4 <= k; kk += 4, wk += 4 * V * kLanes) {
      float32x4_t x[R];
      for (int r = 0; r < R; ++r) x[r] = vld1q_f32(rows[r] + kk);
      [&]<int... J>(std::integer_sequence<int, J...>) { (Step<R, V, J>(acc, x, wk), ...); }
      (std::make_integer_sequence<int, 4>{});
    }
    for (; kk < k; ++kk, wk += V * kLanes) {
      float32x4_t wv[V];
      for (int v = 0; v < V; ++v) wv[v] = vld1q_f32(wk + v * kLanes);
      for (int r = 0; r < R; ++r) {
        const float32x4_t x = vdupq_n_f32(rows[r][kk]);
        for (int v = 0; v < V; ++v) acc[r][v] = vfmaq_f32(acc[r][v], x, wv[v]);
      }
    }
  }
  float32x4_t b[V];
  for (int v = 0; v < V; ++v) b[v] = vld1q_f32(bias + v * kLanes);
  for (int r = 0; r < R; ++r) {
    float* o = out + r * ldc;
    for (int v = 0; v < V; ++v) {
      const float32x4_t y = vminq_f32(vmaxq_f32(vaddq_f32(acc[r][v], b[v]), lo), hi);
      if (v + 1 < V || tail == kLanes) {
        vst1q_f32(o + v * kLanes, y);
      } else {
        float staged[kLanes];
        vst1q_f32(staged, y);
        for (int i = 0; i < tail; ++i) o[v * kLanes + i] = staged[i];
      }
    }
  }
}

using TileFn = void (*)(const float*, int64_t, int32_t, int64_t, const float*, int32_t,
                        const float*, float*, int64_t, int, float32x4_t, float32x4_t);

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

struct Neon {
  static constexpr int kRows = fconv::kRows, kLanes = fconv::kLanes;
  static float32x4_t Splat(float x) { return vdupq_n_f32(x); }
  static int TailMask(int lanes) { return lanes; }
  static TileFn PickTile(int vectors, int rows) {
    switch (vectors) {
      case 1:
        return fconv::PickTile<1>(rows);
      case 2:
        return fconv::PickTile<2>(rows);
      case 3:
        return fconv::PickTile<3>(rows);
      default:
        return fconv::PickTile<4>(rows);
    }
  }
};

}  // namespace

void GemmNeon(const GemmPanels& w, const GemmCall& call) { DriveGemm<Neon>(w, call); }

}  // namespace posenet::fconv
