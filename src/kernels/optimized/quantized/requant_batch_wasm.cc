// kRequantizeBatchWasm (requant_batch.h): requant_wasm.h's vector path when the run shares its
// shift, its lane-by-lane path otherwise.
#include "kernels/optimized/quantized/requant_batch.h"
#include "kernels/optimized/quantized/requant_wasm.h"

namespace posenet {
namespace {

void RequantizeBatchWasm(const int32_t* acc, int64_t n, const int32_t* multiplier,
                         const int32_t* shift, int32_t output_offset, int32_t qmin, int32_t qmax,
                         int32_t* out) {
  const v128_t offset = wasm_i32x4_splat(output_offset);
  const v128_t lo = wasm_i32x4_splat(qmin), hi = wasm_i32x4_splat(qmax);
  for (int64_t i = 0; i < n; i += 4) {
    const int64_t lanes = n - i >= 4 ? 4 : n - i;
    alignas(16) int32_t a[4] = {}, m[4] = {}, left[4] = {}, right[4] = {}, q[4];
    for (int64_t j = 0; j < lanes; ++j) {  // tail lanes padded with harmless values
      a[j] = acc[i + j], m[j] = multiplier[i + j];
      left[j] = shift[i + j] > 0 ? shift[i + j] : 0;
      right[j] = shift[i + j] < 0 ? -shift[i + j] : 0;
    }
    const wasm::UniformShift s = wasm::FindUniformShift(left, right, lanes);
    wasm_v128_store(q, wasm::Requantize(wasm_v128_load(a), m, left, right, s, offset, lo, hi));
    for (int64_t j = 0; j < lanes; ++j) out[i + j] = q[j];
  }
}

}  // namespace

extern const RequantBatchFn kRequantizeBatchWasm = &RequantizeBatchWasm;

}  // namespace posenet
