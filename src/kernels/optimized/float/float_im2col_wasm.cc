// WebAssembly SIMD128 im2col: float_im2col_rows.h on v128 registers.
#include "kernels/optimized/float/float_im2col_rows.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_simd_wasm.h"

namespace posenet::fconv {

void Im2colWasm(const Im2col& g, int64_t r0, int64_t r1, float* a) {
  Im2colRows<FloatWasm>(g, r0, r1, a);
}

}  // namespace posenet::fconv
