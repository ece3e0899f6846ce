// Weight layouts for the float kernels (see float_kernels.h), built once at prepare time.
#pragma once

#include <cstdint>

#include "base/aligned_buffer.h"
#include "kernels/optimized/float/float_kernels.h"

namespace posenet::fconv {

// Packed GEMM weights and bias, owning their storage.
struct PackedGemm {
  AlignedBuffer data, bias;
  GemmPanels view;
};

// `filter` holds n rows of k floats (an OHWI filter is n rows of KH*KW*I); bias may be null.
// `width` is the full panel width; a narrower last panel is rounded up to `vector` floats.
void PackGemm(const float* filter, const float* bias, int32_t n, int32_t k, int32_t width,
              int32_t vector, PackedGemm& packed);

// Depthwise 3x3 filter [1,3,3,c] and bias into 9 x c_padded and c_padded floats.
struct PackedDepthwise {
  AlignedBuffer w, bias;
  int32_t c_padded = 0;
};
void PackDepthwise3x3(const float* filter, const float* bias, int32_t c, PackedDepthwise& packed);

}  // namespace posenet::fconv
