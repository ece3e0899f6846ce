// Requantization of a run of accumulators through the SIMD code the kernels use, one call per
// level: the entry point by which tests hold requant_avx512.h / requant_avx2.h / requant_wasm.h to
// the scalar rule. out[i] = clamp(MultiplyByQuantizedMultiplier(acc[i], multiplier[i], shift[i]) +
// output_offset, qmin, qmax).
#pragma once

#include <cstdint>

namespace posenet {

void RequantizeBatchAvx512(const int32_t* acc, int64_t n, const int32_t* multiplier,
                           const int32_t* shift, int32_t output_offset, int32_t qmin, int32_t qmax,
                           int32_t* out);
void RequantizeBatchAvx2(const int32_t* acc, int64_t n, const int32_t* multiplier,
                         const int32_t* shift, int32_t output_offset, int32_t qmin, int32_t qmax,
                         int32_t* out);
void RequantizeBatchWasm(const int32_t* acc, int64_t n, const int32_t* multiplier,
                         const int32_t* shift, int32_t output_offset, int32_t qmin, int32_t qmax,
                         int32_t* out);

}  // namespace posenet
