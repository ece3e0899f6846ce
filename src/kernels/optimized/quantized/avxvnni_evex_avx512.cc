// The avxvnni level's kernels in their EVEX encoding, for AVX-512 CPUs capped to avxvnni
// (POSENET_ISA=avxvnni): compiled with the AVX-512 flags, whose VNNI + VL run the same 256-bit
// vpdpbusd that AVX-VNNI encodes with VEX, so this machine class can run and test the level.
#include "kernels/optimized/quantized/dense_vnni_driver.h"
#include "kernels/optimized/quantized/depthwise_rows.h"
#include "kernels/optimized/quantized/quantized_simd_avx2.h"

namespace posenet {

extern const DenseConvKernel kDenseConvAvxVnniEvex = DenseVnniKernel<Vnni256Level>();

void DepthwiseRowsAvxVnniEvex(const DepthwisePlan& plan, const void* in, void* out,
                              int64_t row_begin, int64_t row_end) {
  DepthwiseRows<Vnni256Level>(plan, in, out, row_begin, row_end);
}

}  // namespace posenet
