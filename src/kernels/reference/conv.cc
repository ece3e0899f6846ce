// Reference CONV_2D. For every output pixel and output channel, the dot product over the valid
// taps (fy, fx) and all input channels; the innermost loop runs over contiguous input channels
// of one input pixel and one filter tap so that the compiler can vectorize it.
#include "kernels/reference/conv.h"

#include "kernels/reference/conv_arith.h"
#include "kernels/reference/window.h"

namespace posenet::ref {
namespace {

template <typename T, typename Arith>
void ConvLoops(const ConvParams& p, const Dims4& is, const T* in, const Dims4& fs, const T* filter,
               const Dims4& os, T* out, const Arith& arith) {
  const int32_t depth = is.c;
  const int32_t kh = fs.h, kw = fs.w;
  const int64_t filter_stride = int64_t{kh} * kw * depth;  // one output channel
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_top;
      const TapRange ty = ValidTaps(in_y0, p.dilation_h, is.h, kh);
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_left;
        const TapRange tx = ValidTaps(in_x0, p.dilation_w, is.w, kw);
        T* out_px = out + PixelOffset(b, oy, ox, os.h, os.w, os.c);
        for (int32_t oc = 0; oc < os.c; ++oc) {
          const T* f_oc = filter + oc * filter_stride;
          typename Arith::Acc acc = 0;
          for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
            const int32_t iy = in_y0 + fy * p.dilation_h;
            for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
              const int32_t ix = in_x0 + fx * p.dilation_w;
              const T* x = in + PixelOffset(b, iy, ix, is.h, is.w, depth);
              const T* f = f_oc + (int64_t{fy} * kw + fx) * depth;
              for (int32_t ic = 0; ic < depth; ++ic) acc += arith.Product(f[ic], x[ic]);
            }
          }
          out_px[oc] = arith.Finish(acc, oc);
        }
      }
    }
  }
}

}  // namespace

void Conv2DFloat(const ConvParams& p, const Dims4& is, const float* in, const Dims4& fs,
                 const float* filter, const float* bias, const Dims4& os, float* out) {
  ConvLoops(p, is, in, fs, filter, os, out, FloatConvArith{p, bias});
}

void Conv2DUint8(const ConvParams& p, const Dims4& is, const uint8_t* in, const Dims4& fs,
                 const uint8_t* filter, const int32_t* bias, const Dims4& os, uint8_t* out) {
  ConvLoops(p, is, in, fs, filter, os, out, QuantizedConvArith<uint8_t>{p, bias});
}

void Conv2DInt8(const ConvParams& p, const Dims4& is, const int8_t* in, const Dims4& fs,
                const int8_t* filter, const int32_t* bias, const Dims4& os, int8_t* out) {
  ConvLoops(p, is, in, fs, filter, os, out, QuantizedConvArith<int8_t>{p, bias});
}

}  // namespace posenet::ref
