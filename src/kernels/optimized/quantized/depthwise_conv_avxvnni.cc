// Quantized depthwise convolution rows with AVX-VNNI: depthwise_rows.h on 8 int32 lanes per ymm
// and vpdpbusd blocks of 32 channels (VEX encoding).
#include "kernels/optimized/quantized/depthwise_rows.h"
#include "kernels/optimized/quantized/quantized_simd_avx2.h"

namespace posenet {

void DepthwiseRowsAvxVnni(const DepthwisePlan& plan, const void* in, void* out, int64_t row_begin,
                          int64_t row_end) {
  DepthwiseRows<Vnni256Level>(plan, in, out, row_begin, row_end);
}

}  // namespace posenet
