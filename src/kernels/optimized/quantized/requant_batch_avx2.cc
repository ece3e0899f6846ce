#include "kernels/optimized/quantized/quantized_simd_avx2.h"
#include "kernels/optimized/quantized/requant_batch.h"
#include "kernels/optimized/quantized/requant_forms.h"

namespace posenet {

extern const RequantBatchFn kRequantizeBatchAvx2 = &RequantizeBatch<Avx2Level>;

}  // namespace posenet
