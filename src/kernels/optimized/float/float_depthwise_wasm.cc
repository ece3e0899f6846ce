// WebAssembly SIMD128 depthwise 3x3 (depth multiplier 1): 4 channels per vector
// (float_depthwise_rows.h at FloatWasm). Interior pixels keep a channel block's filter rows in
// registers and run four pixels at a time (four independent chains hide the add latency: SIMD128
// has no fused multiply-add); border pixels sum their valid taps; a channel tail goes through a
// staged copy.
#include "kernels/optimized/float/float_depthwise_rows.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_simd_wasm.h"

namespace posenet::fconv {

void Depthwise3x3Wasm(const Depthwise3x3& p, int64_t row_begin, int64_t row_end) {
  DepthwiseRows<FloatWasm>(p, row_begin, row_end);
}

}  // namespace posenet::fconv
