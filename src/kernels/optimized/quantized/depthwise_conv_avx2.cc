// Quantized depthwise convolution rows with AVX2: depthwise_rows.h on 8 int32 lanes per ymm
// (vpmaddwd + vpaddd); no byte path (vpmaddubsw saturates its pair sums).
#include "kernels/optimized/quantized/depthwise_rows.h"
#include "kernels/optimized/quantized/quantized_simd_avx2.h"

namespace posenet {

void DepthwiseRowsAvx2(const DepthwisePlan& plan, const void* in, void* out, int64_t row_begin,
                       int64_t row_end) {
  DepthwiseRows<Avx2Level>(plan, in, out, row_begin, row_end);
}

}  // namespace posenet
