// Reference DEPTHWISE_CONV_2D. Output channel oc = ic * depth_multiplier + m reads input channel
// ic only; the filter is [1, KH, KW, C * depth_multiplier]. For every output pixel, each output
// channel accumulates over the valid taps; padded taps are skipped.
#include "kernels/reference/conv.h"
#include "kernels/reference/conv_arith.h"
#include "kernels/reference/window.h"

namespace posenet::ref {
namespace {

template <typename T, typename Arith>
void DepthwiseLoops(const ConvParams& p, const Dims4& is, const T* in, const Dims4& fs,
                    const T* filter, const Dims4& os, T* out, const Arith& arith) {
  const int32_t depth = is.c, mult = p.depth_multiplier, out_c = os.c;
  const int32_t kw = fs.w;
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_top;
      const TapRange ty = ValidTaps(in_y0, p.dilation_h, is.h, fs.h);
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_left;
        const TapRange tx = ValidTaps(in_x0, p.dilation_w, is.w, kw);
        T* out_px = out + PixelOffset(b, oy, ox, os.h, os.w, out_c);
        for (int32_t ic = 0; ic < depth; ++ic) {
          for (int32_t m = 0; m < mult; ++m) {
            const int32_t oc = ic * mult + m;
            typename Arith::Acc acc = 0;
            for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
              const int32_t iy = in_y0 + fy * p.dilation_h;
              const T* row = in + PixelOffset(b, iy, 0, is.h, is.w, depth) + ic;
              const T* f_row = filter + int64_t{fy} * kw * out_c + oc;
              for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
                const int32_t ix = in_x0 + fx * p.dilation_w;
                acc += arith.Product(f_row[int64_t{fx} * out_c], row[int64_t{ix} * depth]);
              }
            }
            out_px[oc] = arith.Finish(acc, oc);
          }
        }
      }
    }
  }
}

}  // namespace

void DepthwiseConv2DFloat(const ConvParams& p, const Dims4& is, const float* in, const Dims4& fs,
                          const float* filter, const float* bias, const Dims4& os, float* out) {
  DepthwiseLoops(p, is, in, fs, filter, os, out, FloatConvArith{p, bias});
}

void DepthwiseConv2DUint8(const ConvParams& p, const Dims4& is, const uint8_t* in, const Dims4& fs,
                          const uint8_t* filter, const int32_t* bias, const Dims4& os,
                          uint8_t* out) {
  DepthwiseLoops(p, is, in, fs, filter, os, out, QuantizedConvArith<uint8_t>{p, bias});
}

void DepthwiseConv2DInt8(const ConvParams& p, const Dims4& is, const int8_t* in, const Dims4& fs,
                         const int8_t* filter, const int32_t* bias, const Dims4& os, int8_t* out) {
  DepthwiseLoops(p, is, in, fs, filter, os, out, QuantizedConvArith<int8_t>{p, bias});
}

}  // namespace posenet::ref
