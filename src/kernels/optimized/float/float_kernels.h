// Internal interface between the float convolution classes (baseline code: packing, threading)
// and the SIMD kernels in *_avx512.cc / *_avx2.cc (x86-64) and *_neon.cc (AArch64). Only plain
// structs and raw pointers cross it, so nothing compiled for a higher level can be called before
// the level has been chosen.
#pragma once

#include <cstddef>
#include <cstdint>

namespace posenet::fconv {

// Weights of a GEMM (N output channels x K) packed into panels: panel p holds channels
// [p * width, p * width + width) as K rows of `width` floats (channels past N are zero). The
// last panel may be narrower (a whole number of vectors) and starts at p * width * K too.
struct GemmPanels {
  const float* data = nullptr;  // 64-byte aligned
  const float* bias = nullptr;  // panels * width floats, zero past N
  int32_t k = 0, n = 0;
  int32_t width = 0;   // floats in a full panel
  int32_t panels = 0;  // ceil(n / width)
};

// out[r][c] = clamp(sum_k a[r][k] * w[c][k] + bias[c], lo, hi) for rows [0, rows) and the
// channels of panels [p_begin, p_end). Rows of `a` are `lda` floats apart, rows of `out` `ldc`.
// A row of `a` may be `segments` runs of k / segments floats, each `segment_stride` floats after
// the previous one: a convolution reads its input in place that way (one run per filter row).
struct GemmCall {
  const float* a = nullptr;
  int64_t lda = 0;
  int32_t segments = 1;
  int64_t segment_stride = 0;
  int64_t rows = 0;
  float* out = nullptr;
  int64_t ldc = 0;
  int32_t p_begin = 0, p_end = 0;
  float lo = 0.0f, hi = 0.0f;
};

// Panel widths the kernels expect (two vectors) and their micro-tile row counts.
inline constexpr int32_t kAvx512PanelWidth = 32;
inline constexpr int32_t kAvx2PanelWidth = 16;
inline constexpr int32_t kNeonPanelWidth = 8;  // two vectors (float_gemm_driver.h)
void GemmAvx512(const GemmPanels& w, const GemmCall& call);
void GemmAvx2(const GemmPanels& w, const GemmCall& call);
void GemmNeon(const GemmPanels& w, const GemmCall& call);
inline constexpr int32_t kWasmPanelWidth = 8;  // WebAssembly SIMD128
void GemmWasm(const GemmPanels& w, const GemmCall& call);

// GemmAvx512 for calls with one segment (1x1 convolutions) that leaves out the k at which all
// rows of a micro-tile have exact zero inputs (after a ReLU); equal to it bit for bit for finite
// weights. Rows go in blocks of SkipGemmBlockTiles(k) tiles of kSkipRows; a block with more than
// max_listed_percent % of its tiles' k left in runs GemmAvx512 instead. `scratch`:
// SkipGemmScratchBytes(k) bytes, 64-byte aligned.
inline constexpr int32_t kSkipRows = 6;
// The max_listed_percent the convolutions use: blocks keeping over 92 % of their k run dense.
inline constexpr int32_t kSkipMaxListedPercent = 92;
inline constexpr int32_t kSkipVectors = 4;  // even: whole panels of 32
int32_t SkipGemmBlockTiles(int32_t k);
size_t SkipGemmScratchBytes(int32_t k);
void SkipGemmAvx512(const GemmPanels& w, const GemmCall& call, int32_t max_listed_percent,
                    uint8_t* scratch);

// im2col for CONV_2D: the receptive fields of output pixels (batch-flattened rows r0..r1) as
// rows of kh * kw * c floats in the filter's HWI order, 0 for padded taps.
struct Im2col {
  const float* in = nullptr;
  int32_t in_h = 0, in_w = 0, c = 0;
  int32_t out_h = 0, out_w = 0;
  int32_t kh = 1, kw = 1;
  int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int32_t pad_top = 0, pad_left = 0;
  int32_t in_row0 = 0;  // `in` holds input rows from in_row0 on (row windows, batch 1)
};
void Im2colAvx512(const Im2col& g, int64_t r0, int64_t r1, float* a);
void Im2colAvx2(const Im2col& g, int64_t r0, int64_t r1, float* a);
void Im2colNeon(const Im2col& g, int64_t r0, int64_t r1, float* a);
void Im2colWasm(const Im2col& g, int64_t r0, int64_t r1, float* a);

// Depthwise 3x3, depth multiplier 1, NHWC. Filter packed as 9 taps x `c_padded` floats (tap
// fy * 3 + fx), bias as c_padded floats; c_padded is a multiple of 16 (zero past c).
struct Depthwise3x3 {
  const float* in = nullptr;
  float* out = nullptr;
  const float* w = nullptr;
  const float* bias = nullptr;
  int32_t in_h = 0, in_w = 0, c = 0, c_padded = 0;
  int32_t out_h = 0, out_w = 0;
  int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int32_t pad_top = 0, pad_left = 0;
  float lo = 0.0f, hi = 0.0f;
  // Output columns whose three taps are all inside the input: [x_lo, x_hi).
  int32_t x_lo = 0, x_hi = 0;
  // Row windows (batch 1, see PreparedConv::RunRows): `in` holds input rows from in_row0 on and
  // `out` output rows from out_row0 on. 0 for whole tensors.
  int32_t in_row0 = 0, out_row0 = 0;
};

// Output rows [row_begin, row_end) of the batch-flattened output (row = b * out_h + oy).
void Depthwise3x3Avx512(const Depthwise3x3& p, int64_t row_begin, int64_t row_end);
void Depthwise3x3Avx2(const Depthwise3x3& p, int64_t row_begin, int64_t row_end);
void Depthwise3x3Neon(const Depthwise3x3& p, int64_t row_begin, int64_t row_end);
void Depthwise3x3Wasm(const Depthwise3x3& p, int64_t row_begin, int64_t row_end);

}  // namespace posenet::fconv
