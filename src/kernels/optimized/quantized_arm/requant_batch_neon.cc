#include "kernels/optimized/quantized_arm/requant_batch_neon.h"

#include "kernels/optimized/quantized_arm/requant_neon.h"

namespace posenet {

void RequantizeBatchNeon(const int32_t* acc, int64_t n, const int32_t* multiplier,
                         const int32_t* shift, int32_t output_offset, int32_t qmin, int32_t qmax,
                         int32_t* out) {
  const int32x4_t zero = vdupq_n_s32(0);
  const int32x4_t offset = vdupq_n_s32(output_offset);
  const int32x4_t lo = vdupq_n_s32(qmin), hi = vdupq_n_s32(qmax);
  int32_t a[4], m[4], s[4], q[4];
  for (int64_t i = 0; i < n; i += 4) {
    const int64_t lanes = n - i >= 4 ? 4 : n - i;
    for (int64_t j = 0; j < 4; ++j) {  // tail lanes padded with harmless values
      a[j] = j < lanes ? acc[i + j] : 0;
      m[j] = j < lanes ? multiplier[i + j] : 0;
      s[j] = j < lanes ? shift[i + j] : 0;
    }
    const int32x4_t sv = vld1q_s32(s);
    const neon::RequantVectors r{vld1q_s32(m), vmaxq_s32(sv, zero), vminq_s32(sv, zero)};
    vst1q_s32(q, neon::Requantize(vld1q_s32(a), r, offset, lo, hi));
    for (int64_t j = 0; j < lanes; ++j) out[i + j] = q[j];
  }
}

}  // namespace posenet
