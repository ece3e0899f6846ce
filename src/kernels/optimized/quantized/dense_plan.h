// The plan of an optimized quantized CONV_2D: geometry, packed weights and per-channel
// constants, as plain data that the level-specific kernels (dense_conv_avx512.cc,
// dense_conv_avx2.cc) read through raw pointers. Built once by dense_pack.cc.
//
// The convolution is a GEMM: row m = one output pixel, whose K = KH*KW*C input bytes (im2col
// order fy, fx, c, the filter's OHWI order) are either read in place (1x1 stride 1, K a
// multiple of 4) or gathered into a per-thread panel; columns = output channels, packed in
// panels of `panel_width` channels.
#pragma once

#include <cstdint>

namespace posenet {

struct DenseConvPlan {
  int32_t batch = 1, in_h = 1, in_w = 1, in_c = 1, out_h = 1, out_w = 1, out_c = 1;
  int32_t kh = 1, kw = 1, stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int32_t pad_top = 0, pad_left = 0;
  int32_t k = 1;             // KH*KW*C
  int32_t k_padded = 4;      // row length in the panel: K rounded up to the kernel's step
  bool direct = false;       // rows read in place from the input (no panel)
  bool signed_io = false;    // int8 input/output (else uint8)
  int32_t panel_width = 16;  // output channels per packed panel (a multiple of the vector)
  int32_t panels = 1;
  int32_t rows_per_chunk = 64;  // rows gathered and summed at once (a multiple of the tile)

  // AVX-512 (vpdpbusd, u8 x s8): input bytes as unsigned (int8 input: x + 128), weights as
  // w' = w - weight_base. acc = sum(u * w') + pixel_scale * sum(u) + column_constant[n].
  // Layout: [panel][k_padded / 4][panel_width][4] int8.
  // AVX2 (vpmaddwd) and WebAssembly SIMD128 (i32x4.dot_i16x8_s), exact int16 products: panel rows
  // hold x - zx as int16, weights w - zw as int16, acc = sum + column_constant[n] (= bias). Layout:
  // [panel][k_padded / 2][width][2].
  const void* packed = nullptr;
  const int32_t* column_constant = nullptr;  // panels * panel_width
  int32_t pixel_scale = 0;
  int32_t input_zero = 0;               // zx in the domain the kernel reads (AVX-512: unsigned)
  const int32_t* multiplier = nullptr;  // panels * panel_width (padding lanes: 0)
  const int32_t* left_shift = nullptr;
  const int32_t* right_shift = nullptr;
  int32_t output_offset = 0, quant_min = 0, quant_max = 255;
  // Every channel shifts right by 1..31 (no left shift), no multiplier is INT32_MIN, and
  // |acc| + 2^30 fits int32: the kernels may then requantize with fewer operations (see
  // dense_conv_avx512.cc), still exactly.
  bool simple_requant = false;
  // > 0 when simple_requant holds, every channel shifts right by this same amount and
  // quant_min >= output_offset (ReLU-like clamps): the AVX-512 kernel then requantizes with
  // requant_relu_avx512.h.
  int32_t relu_shift = 0;

  int64_t rows() const { return int64_t{batch} * out_h * out_w; }
};

// Scratch bytes one thread needs (panel rows and row sums), a multiple of 64.
int64_t DenseConvScratchAvx512(const DenseConvPlan& plan);
int64_t DenseConvScratchAvx2(const DenseConvPlan& plan);
int64_t DenseConvScratchWasm(const DenseConvPlan& plan);

// Computes output rows [row_begin, row_end) for panels [panel_begin, panel_end). `scratch`:
// the thread's DenseConvScratch*() bytes, 64-byte aligned. Rows begin on tile multiples.
void DenseConvAvx512(const DenseConvPlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                     int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end);
void DenseConvAvx2(const DenseConvPlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                   int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end);
// WebAssembly SIMD128 (../wasm/dense_conv_wasm.cc): the AVX2 layout with 8-channel panels.
void DenseConvWasm(const DenseConvPlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                   int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end);

// Rows per micro-kernel tile for a plan (the unit of the row split between threads).
int32_t DenseConvTileRowsAvx512(const DenseConvPlan& plan);
int32_t DenseConvTileRowsAvx2(const DenseConvPlan& plan);
int32_t DenseConvTileRowsWasm(const DenseConvPlan& plan);

}  // namespace posenet
