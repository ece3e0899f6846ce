// Requantization of a run of accumulators through requant_neon.h, the entry point by which tests
// hold the NEON rule to the scalar one. out[i] = clamp(MultiplyByQuantizedMultiplier(acc[i],
// multiplier[i], shift[i]) + output_offset, qmin, qmax).
#pragma once

#include <cstdint>

namespace posenet {

void RequantizeBatchNeon(const int32_t* acc, int64_t n, const int32_t* multiplier,
                         const int32_t* shift, int32_t output_offset, int32_t qmin, int32_t qmax,
                         int32_t* out);

}  // namespace posenet
