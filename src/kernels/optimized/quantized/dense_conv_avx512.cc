// Quantized CONV_2D with AVX-512 VNNI: dense_vnni_driver.h on 16 channels per zmm, panels of up
// to 4 vectors.
#include "kernels/optimized/quantized/dense_vnni_driver.h"
#include "kernels/optimized/quantized/quantized_simd_avx512.h"

namespace posenet {

extern const DenseConvKernel kDenseConvAvx512 = DenseVnniKernel<Avx512Level>();

}  // namespace posenet
