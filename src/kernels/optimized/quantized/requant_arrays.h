// Per-lane requantization constants as the SIMD kernels read them (requant_forms.h): TFLite's
// multiplier and its shift split into a left and a right part, one int32 per lane. Plain data,
// shared by the plans of both kernel families.
#pragma once

#include <cstdint>

namespace posenet {

struct RequantArrays {
  const int32_t* multiplier = nullptr;   // Q31
  const int32_t* left_shift = nullptr;   // max(shift, 0)
  const int32_t* right_shift = nullptr;  // max(-shift, 0)
};

}  // namespace posenet
