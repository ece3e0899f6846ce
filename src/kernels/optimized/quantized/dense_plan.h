// The plan of an optimized quantized CONV_2D: geometry, packed weights and per-channel
// constants, as plain data that the level-specific kernels (dense_vnni_driver.h,
// dense_conv_avx2.cc) read through raw pointers. Built once by dense_pack.cc.
//
// The convolution is a GEMM: row m = one output pixel, whose K = KH*KW*C input bytes (im2col
// order fy, fx, c, the filter's OHWI order) are either read in place (1x1 stride 1, K a
// multiple of 4) or gathered into a per-thread panel; columns = output channels, packed in
// panels of `panel_width` channels.
#pragma once

#include <cstdint>

#include "kernels/optimized/quantized/conv_geometry.h"
#include "kernels/optimized/quantized/requant_arrays.h"

namespace posenet {

struct DenseConvPlan : DenseGeometry {
  int32_t k_padded = 4;      // row length in the panel: K rounded up to the kernel's step
  bool direct = false;       // rows read in place from the input (no panel)
  int32_t panel_width = 16;  // output channels per packed panel (a multiple of the vector)
  int32_t panels = 1;
  int32_t rows_per_chunk = 64;  // rows gathered and summed at once (a multiple of the tile)

  // AVX-512 and AVX-VNNI (vpdpbusd, u8 x s8): input bytes as unsigned (int8 input: x + 128),
  // weights as w' = w - weight_base. acc = sum(u * w') + pixel_scale * sum(u) +
  // column_constant[n]. Layout: [panel][k_padded / 4][panel_width][4] int8.
  // AVX2 and SIMD128 (vpmaddwd, i32x4.dot_i16x8_s: exact int16 products): panel rows hold x - zx as
  // int16, weights w - zw as int16, acc = sum + column_constant[n] (= bias). Layout:
  // [panel][k_padded / 2][width][2].
  const void* packed = nullptr;
  const int32_t* column_constant = nullptr;  // panels * panel_width
  int32_t pixel_scale = 0;
  int32_t input_zero = 0;  // zx in the domain the kernel reads (vpdpbusd: unsigned)
  RequantArrays requant;   // panels * panel_width lanes (padding lanes: 0)
  // Every channel shifts right by 1..31 (no left shift), no multiplier is INT32_MIN, and
  // |acc| + 2^30 fits int32: the kernels may then requantize with fewer operations (see
  // requant_forms.h), still exactly.
  bool simple_requant = false;
  // > 0 when simple_requant holds, every channel shifts right by this same amount and
  // quant_min >= output_offset (ReLU-like clamps): the vpdpbusd kernels then requantize with
  // the ReLU form (requant_forms.h).
  int32_t relu_shift = 0;
};

// One level's dense kernel (dense_vnni_driver.h at the VNNI levels, dense_conv_avx2.cc,
// dense_conv_wasm.cc).
struct DenseConvKernel {
  bool byte_dot = false;    // the vpdpbusd scheme (else AVX2's int16 one)
  int32_t lanes = 8;        // int32 lanes per vector
  int32_t max_vectors = 2;  // vectors per panel, at most
  // Rows per micro-kernel tile for a plan (the unit of the row split between threads).
  int32_t (*tile_rows)(const DenseConvPlan& plan) = nullptr;
  // Scratch bytes one thread needs (panel rows and row sums), a multiple of 64.
  int64_t (*scratch_bytes)(const DenseConvPlan& plan) = nullptr;
  // Computes output rows [row_begin, row_end) for panels [panel_begin, panel_end). `scratch`:
  // the thread's scratch_bytes(), 64-byte aligned. Rows begin on tile multiples.
  void (*run)(const DenseConvPlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
              int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end) = nullptr;
};

// avxvnni comes in two encodings of the same instructions: VEX (CPUs with AVX-VNNI) and EVEX
// (AVX-512 CPUs capped to avxvnni).
extern const DenseConvKernel kDenseConvAvx512, kDenseConvAvxVnni, kDenseConvAvxVnniEvex,
    kDenseConvAvx2;
// WebAssembly SIMD128 (dense_conv_wasm.cc): AVX2's int16 scheme on 4-lane vectors.
extern const DenseConvKernel kDenseConvWasm;

}  // namespace posenet
