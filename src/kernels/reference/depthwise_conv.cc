// Reference DEPTHWISE_CONV_2D. Output channel oc = ic * depth_multiplier + m reads input channel
// ic only; the filter is [1, KH, KW, C * depth_multiplier]. For every output pixel, each output
// channel accumulates over the valid taps; padded taps are skipped.
#include <algorithm>

#include "kernels/quantization.h"
#include "kernels/reference/conv.h"
#include "kernels/reference/window.h"

namespace posenet::ref {
namespace {

// Float and quantized share the loops; Acc is float or uint32 and `finish` turns the sum of
// one output channel into the stored value.
template <typename T, typename Acc, typename Finish>
void DepthwiseLoops(const ConvParams& p, const Dims4& is, const T* in, const Dims4& fs,
                    const T* filter, const Dims4& os, T* out, Acc in_offset, Acc f_offset,
                    Finish finish) {
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
            Acc acc = 0;
            for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
              const int32_t iy = in_y0 + fy * p.dilation_h;
              const T* row = in + PixelOffset(b, iy, 0, is.h, is.w, depth) + ic;
              const T* f_row = filter + int64_t{fy} * kw * out_c + oc;
              for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
                const int32_t ix = in_x0 + fx * p.dilation_w;
                acc += (static_cast<Acc>(f_row[int64_t{fx} * out_c]) + f_offset) *
                       (static_cast<Acc>(row[int64_t{ix} * depth]) + in_offset);
              }
            }
            out_px[oc] = finish(acc, oc);
          }
        }
      }
    }
  }
}

// The sums are taken in uint32: they, the bias and the zero point wrap around in int32 as in
// TFLite (docs/ops.md), without signed overflow.
template <typename T>
void DepthwiseQuantized(const ConvParams& p, const Dims4& is, const T* in, const Dims4& fs,
                        const T* filter, const int32_t* bias, const Dims4& os, T* out) {
  auto finish = [&](uint32_t sum, int32_t oc) {
    int32_t acc = static_cast<int32_t>(sum);
    if (bias != nullptr) acc = WrappingAdd(acc, bias[oc]);
    acc = MultiplyByQuantizedMultiplier(acc, p.requant.multiplier[oc], p.requant.shift[oc]);
    acc = WrappingAdd(acc, p.output_offset);
    return static_cast<T>(std::clamp(acc, p.quant_min, p.quant_max));
  };
  DepthwiseLoops<T, uint32_t>(p, is, in, fs, filter, os, out, static_cast<uint32_t>(p.input_offset),
                              static_cast<uint32_t>(p.filter_offset), finish);
}

}  // namespace

void DepthwiseConv2DFloat(const ConvParams& p, const Dims4& is, const float* in, const Dims4& fs,
                          const float* filter, const float* bias, const Dims4& os, float* out) {
  auto finish = [&](float acc, int32_t oc) {
    if (bias != nullptr) acc += bias[oc];
    return std::min(std::max(acc, p.float_min), p.float_max);
  };
  DepthwiseLoops<float, float>(p, is, in, fs, filter, os, out, 0.0f, 0.0f, finish);
}

void DepthwiseConv2DUint8(const ConvParams& p, const Dims4& is, const uint8_t* in, const Dims4& fs,
                          const uint8_t* filter, const int32_t* bias, const Dims4& os,
                          uint8_t* out) {
  DepthwiseQuantized(p, is, in, fs, filter, bias, os, out);
}

void DepthwiseConv2DInt8(const ConvParams& p, const Dims4& is, const int8_t* in, const Dims4& fs,
                         const int8_t* filter, const int32_t* bias, const Dims4& os, int8_t* out) {
  DepthwiseQuantized(p, is, in, fs, filter, bias, os, out);
}

}  // namespace posenet::ref
