// Reference CONV_2D. For every output pixel and output channel, the dot product over the valid
// taps (fy, fx) and all input channels; the innermost loop runs over contiguous input channels
// of one input pixel and one filter tap so that the compiler can vectorize it.
#include "kernels/reference/conv.h"

#include <algorithm>

#include "kernels/quantization.h"
#include "kernels/reference/window.h"

namespace posenet::ref {
namespace {

template <typename T>
void ConvQuantized(const ConvParams& p, const Dims4& is, const T* in, const Dims4& fs,
                   const T* filter, const int32_t* bias, const Dims4& os, T* out) {
  const int32_t depth = is.c;
  const int32_t kh = fs.h, kw = fs.w;
  const int32_t in_offset = p.input_offset, f_offset = p.filter_offset;
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
          // Each product fits int32 (|w + offset|, |x + offset| <= 255); their sum, the bias and
          // the zero point wrap around in int32 (see docs/ops.md), computed in uint32.
          uint32_t sum = 0;
          for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
            const int32_t iy = in_y0 + fy * p.dilation_h;
            for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
              const int32_t ix = in_x0 + fx * p.dilation_w;
              const T* x = in + PixelOffset(b, iy, ix, is.h, is.w, depth);
              const T* f = f_oc + (int64_t{fy} * kw + fx) * depth;
              for (int32_t ic = 0; ic < depth; ++ic) {
                sum += static_cast<uint32_t>((int32_t{f[ic]} + f_offset) *
                                             (int32_t{x[ic]} + in_offset));
              }
            }
          }
          int32_t acc = static_cast<int32_t>(sum);
          if (bias != nullptr) acc = WrappingAdd(acc, bias[oc]);
          acc = MultiplyByQuantizedMultiplier(acc, p.requant.multiplier[oc], p.requant.shift[oc]);
          acc = WrappingAdd(acc, p.output_offset);
          acc = std::clamp(acc, p.quant_min, p.quant_max);
          out_px[oc] = static_cast<T>(acc);
        }
      }
    }
  }
}

}  // namespace

void Conv2DFloat(const ConvParams& p, const Dims4& is, const float* in, const Dims4& fs,
                 const float* filter, const float* bias, const Dims4& os, float* out) {
  const int32_t depth = is.c;
  const int32_t kh = fs.h, kw = fs.w;
  const int64_t filter_stride = int64_t{kh} * kw * depth;
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_top;
      const TapRange ty = ValidTaps(in_y0, p.dilation_h, is.h, kh);
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_left;
        const TapRange tx = ValidTaps(in_x0, p.dilation_w, is.w, kw);
        float* out_px = out + PixelOffset(b, oy, ox, os.h, os.w, os.c);
        for (int32_t oc = 0; oc < os.c; ++oc) {
          const float* f_oc = filter + oc * filter_stride;
          float acc = 0.0f;
          for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
            const int32_t iy = in_y0 + fy * p.dilation_h;
            for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
              const int32_t ix = in_x0 + fx * p.dilation_w;
              const float* x = in + PixelOffset(b, iy, ix, is.h, is.w, depth);
              const float* f = f_oc + (int64_t{fy} * kw + fx) * depth;
              for (int32_t ic = 0; ic < depth; ++ic) acc += f[ic] * x[ic];
            }
          }
          if (bias != nullptr) acc += bias[oc];
          out_px[oc] = std::min(std::max(acc, p.float_min), p.float_max);
        }
      }
    }
  }
}

void Conv2DUint8(const ConvParams& p, const Dims4& is, const uint8_t* in, const Dims4& fs,
                 const uint8_t* filter, const int32_t* bias, const Dims4& os, uint8_t* out) {
  ConvQuantized(p, is, in, fs, filter, bias, os, out);
}

void Conv2DInt8(const ConvParams& p, const Dims4& is, const int8_t* in, const Dims4& fs,
                const int8_t* filter, const int32_t* bias, const Dims4& os, int8_t* out) {
  ConvQuantized(p, is, in, fs, filter, bias, os, out);
}

}  // namespace posenet::ref
