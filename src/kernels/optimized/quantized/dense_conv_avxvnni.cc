// Quantized CONV_2D with AVX-VNNI: dense_vnni_driver.h on 8 channels per ymm, panels of up to 3
// vectors (VEX encoding).
#include "kernels/optimized/quantized/dense_vnni_driver.h"
#include "kernels/optimized/quantized/quantized_simd_avx2.h"

namespace posenet {

extern const DenseConvKernel kDenseConvAvxVnni = DenseVnniKernel<Vnni256Level>();

}  // namespace posenet
