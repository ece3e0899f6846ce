// WebAssembly SIMD128 float GEMM: float_gemm_driver.h on v128 registers, micro-tiles of up to 6
// rows x 8 channels (12 accumulators, two weight vectors and one broadcast: within x86's 16
// registers once the engine compiles it).
#include "kernels/optimized/float/float_gemm_driver.h"
#include "kernels/optimized/float/float_kernels.h"
#include "kernels/optimized/float/float_simd_wasm.h"

namespace posenet::fconv {

void GemmWasm(const GemmPanels& w, const GemmCall& call) { DriveGemm<FloatWasm>(w, call); }

}  // namespace posenet::fconv
