// Requantization of a run of accumulators through the SIMD code the kernels use, one call per
// level: the entry point by which tests hold requant_forms.h's general form to the scalar rule.
// out[i] = clamp(MultiplyByQuantizedMultiplier(acc[i], multiplier[i], shift[i]) + output_offset,
// qmin, qmax).
#pragma once

#include <cstdint>

namespace posenet {

using RequantBatchFn = void (*)(const int32_t* acc, int64_t n, const int32_t* multiplier,
                                const int32_t* shift, int32_t output_offset, int32_t qmin,
                                int32_t qmax, int32_t* out);
extern const RequantBatchFn kRequantizeBatchAvx512, kRequantizeBatchAvx2;
// WebAssembly SIMD128 (requant_wasm.h's own form: SIMD128 shifts take one count for all lanes).
extern const RequantBatchFn kRequantizeBatchWasm;

}  // namespace posenet
