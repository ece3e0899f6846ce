// Quantized depthwise convolution rows with AVX-512: depthwise_rows.h on 16 int32 lanes per zmm
// (vpdpwssd) and vpdpbusd blocks of 64 channels.
#include "kernels/optimized/quantized/depthwise_rows.h"
#include "kernels/optimized/quantized/quantized_simd_avx512.h"

namespace posenet {

void DepthwiseRowsAvx512(const DepthwisePlan& plan, const void* in, void* out, int64_t row_begin,
                         int64_t row_end) {
  DepthwiseRows<Avx512Level>(plan, in, out, row_begin, row_end);
}

}  // namespace posenet
