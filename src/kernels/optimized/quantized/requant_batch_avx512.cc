#include "kernels/optimized/quantized/quantized_simd_avx512.h"
#include "kernels/optimized/quantized/requant_batch.h"
#include "kernels/optimized/quantized/requant_forms.h"

namespace posenet {

extern const RequantBatchFn kRequantizeBatchAvx512 = &RequantizeBatch<Avx512Level>;

}  // namespace posenet
