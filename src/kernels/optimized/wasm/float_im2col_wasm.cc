// im2col on WebAssembly SIMD128: float_im2col_avx2.cc's walk with 4-lane vectors, the last
// partial vector moved float by float.
#include <wasm_simd128.h>

#include "kernels/optimized/float/float_im2col_rows.h"
#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {
namespace {

constexpr int32_t kLanes = 4;

// n floats from src (null: zeros) to dst, whole vectors then single floats.
inline void Move(float* dst, const float* src, int32_t n) {
  int32_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    wasm_v128_store(dst + i, src != nullptr ? wasm_v128_load(src + i) : wasm_f32x4_splat(0.0f));
  }
  for (; i < n; ++i) dst[i] = src != nullptr ? src[i] : 0.0f;
}

}  // namespace

void Im2colWasm(const Im2col& g, int64_t r0, int64_t r1, float* a) {
  Im2colRows<&Move>(g, r0, r1, a);
}

}  // namespace posenet::fconv
