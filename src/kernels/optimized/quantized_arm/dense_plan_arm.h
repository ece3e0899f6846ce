// The plan of a quantized CONV_2D on AArch64: geometry, packed weights and per-channel constants
// as plain data that the level kernels (dense_conv_neon.cc, dense_conv_dotprod.cc,
// dense_conv_i8mm.cc) read through raw pointers. Built once by dense_pack_arm.cc.
//
// The convolution is a GEMM: row m = one output pixel, whose K = KH*KW*C input values (filter
// order fy, fx, c) are gathered into a per-thread panel of rows (padded taps as the input zero
// point, K padded with zeros to k_padded); columns = output channels in panels of 16.
//   neon:    rows hold x - zx as int16, weights w - zw as int16; SMLAL by element sums exact
//            products. acc = sum + column_constant (the bias).
//   dotprod: rows hold x' (uint8: x - 128, int8: x) as int8, weights w' = w - base as int8;
//   i8mm     SDOT (4 products per lane) or SMMLA (2x8 by 8x2 per instruction) sum x' * w'.
//            sum (x - zx)(w - zw) = sum x'w' + (base - zw) sum x' - zx' sum (w - zw), zx' the zero
//            point in the x' domain: acc = sum + pixel_scale * sum x' + column_constant. base is
//            zw when every w - zw fits int8 (no pixel term), else the weights' own offset.
#pragma once

#include <cstdint>

#include "kernels/optimized/quantized/conv_geometry.h"

namespace posenet {

inline constexpr int32_t kArmPanelWidth = 16;  // output channels per packed panel
inline constexpr int32_t kArmTileRows = 4;     // output pixels per micro-kernel tile
inline constexpr int32_t kArmKStep = 8;        // k_padded is a multiple of this

struct ArmDensePlan : DenseGeometry {
  int32_t k_padded = 8;  // row length in the panel
  int32_t panels = 1;
  int32_t rows_per_chunk = 64;  // rows gathered at once (a multiple of kArmTileRows)

  // Weights, by level: neon [panel][k_padded][16] int16; dotprod [panel][k_padded / 4][16][4]
  // int8; i8mm [panel][k_padded / 8][8 channel pairs][2][8] int8.
  const void* packed = nullptr;
  const int32_t* column_constant = nullptr;  // panels * 16
  int32_t pixel_scale = 0;                   // dotprod, i8mm: base - zw
  int32_t zero_point = 0;                    // zx, the input's zero point
  int32_t pad_value = 0;  // what padded taps hold in panel rows: neon 0 (x - zx), else zx'
  // Requantization per channel (panels * 16, padding lanes 0): Q31 multiplier, left shift, and
  // the right shift as a negative shift count.
  const int32_t* multiplier = nullptr;
  const int32_t* left_shift = nullptr;
  const int32_t* neg_right_shift = nullptr;
};

// Scratch bytes one thread needs (gathered rows and their sums), a multiple of 64.
int64_t ArmDenseScratchBytes(const ArmDensePlan& plan, int32_t element_bytes);

// Output rows [row_begin, row_end) for panels [panel_begin, panel_end). `scratch`: the thread's
// ArmDenseScratchBytes() bytes, 64-byte aligned. Rows begin on tile multiples.
void DenseConvNeon(const ArmDensePlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                   int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end);
void DenseConvDotprod(const ArmDensePlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                      int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end);
void DenseConvI8mm(const ArmDensePlan& plan, const uint8_t* in, uint8_t* out, uint8_t* scratch,
                   int64_t row_begin, int64_t row_end, int32_t panel_begin, int32_t panel_end);

}  // namespace posenet
