#include "kernels/reference/pooling.h"

#include <algorithm>
#include <limits>

#include "kernels/reference/window.h"

namespace posenet::ref {
namespace {

// Visits every output pixel with its valid window; `pool(out_px, in, ty, tx, row_stride)`
// reduces the window for all channels of that pixel.
template <typename T, typename Pool>
void PoolLoops(const PoolParams& p, const Dims4& is, const T* in, const Dims4& os, T* out,
               Pool pool) {
  for (int32_t b = 0; b < os.n; ++b) {
    for (int32_t oy = 0; oy < os.h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_top;
      TapRange ty = ValidTaps(in_y0, 1, is.h, p.filter_h);
      ty.begin += in_y0, ty.end += in_y0;  // now input rows
      for (int32_t ox = 0; ox < os.w; ++ox) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_left;
        TapRange tx = ValidTaps(in_x0, 1, is.w, p.filter_w);
        tx.begin += in_x0, tx.end += in_x0;  // now input columns
        const T* in_b = in + PixelOffset(b, 0, 0, is.h, is.w, is.c);
        pool(out + PixelOffset(b, oy, ox, os.h, os.w, os.c), in_b, ty, tx);
      }
    }
  }
}

template <typename T>
void AveragePoolQuantized(const PoolParams& p, const Dims4& is, const T* in, const Dims4& os,
                          T* out) {
  const int32_t depth = os.c;
  PoolLoops(p, is, in, os, out, [&](T* o, const T* in_b, TapRange ty, TapRange tx) {
    const int32_t count = (ty.end - ty.begin) * (tx.end - tx.begin);
    for (int32_t c = 0; c < depth; ++c) {
      int32_t sum = 0;
      for (int32_t y = ty.begin; y < ty.end; ++y) {
        for (int32_t x = tx.begin; x < tx.end; ++x) {
          sum += in_b[(int64_t{y} * is.w + x) * is.c + c];
        }
      }
      int32_t avg = 0;
      if (count > 0) {
        avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
      }
      o[c] = static_cast<T>(std::clamp(avg, p.quant_min, p.quant_max));
    }
  });
}

template <typename T>
void MaxPoolQuantized(const PoolParams& p, const Dims4& is, const T* in, const Dims4& os, T* out) {
  const int32_t depth = os.c;
  PoolLoops(p, is, in, os, out, [&](T* o, const T* in_b, TapRange ty, TapRange tx) {
    const bool empty = ty.begin == ty.end || tx.begin == tx.end;
    for (int32_t c = 0; c < depth; ++c) {
      int32_t best = empty ? 0 : std::numeric_limits<T>::lowest();
      for (int32_t y = ty.begin; y < ty.end; ++y) {
        for (int32_t x = tx.begin; x < tx.end; ++x) {
          best = std::max<int32_t>(best, in_b[(int64_t{y} * is.w + x) * is.c + c]);
        }
      }
      o[c] = static_cast<T>(std::clamp(best, p.quant_min, p.quant_max));
    }
  });
}

}  // namespace

void AveragePool2DFloat(const PoolParams& p, const Dims4& is, const float* in, const Dims4& os,
                        float* out) {
  const int32_t depth = os.c;
  PoolLoops(p, is, in, os, out, [&](float* o, const float* in_b, TapRange ty, TapRange tx) {
    const int32_t count = (ty.end - ty.begin) * (tx.end - tx.begin);
    for (int32_t c = 0; c < depth; ++c) {
      float sum = 0.0f;
      for (int32_t y = ty.begin; y < ty.end; ++y) {
        for (int32_t x = tx.begin; x < tx.end; ++x) {
          sum += in_b[(int64_t{y} * is.w + x) * is.c + c];
        }
      }
      const float avg = count > 0 ? sum / static_cast<float>(count) : 0.0f;
      o[c] = std::min(std::max(avg, p.float_min), p.float_max);
    }
  });
}

void AveragePool2DUint8(const PoolParams& p, const Dims4& is, const uint8_t* in, const Dims4& os,
                        uint8_t* out) {
  AveragePoolQuantized(p, is, in, os, out);
}

void AveragePool2DInt8(const PoolParams& p, const Dims4& is, const int8_t* in, const Dims4& os,
                       int8_t* out) {
  AveragePoolQuantized(p, is, in, os, out);
}

void MaxPool2DFloat(const PoolParams& p, const Dims4& is, const float* in, const Dims4& os,
                    float* out) {
  const int32_t depth = os.c;
  PoolLoops(p, is, in, os, out, [&](float* o, const float* in_b, TapRange ty, TapRange tx) {
    const bool empty = ty.begin == ty.end || tx.begin == tx.end;
    for (int32_t c = 0; c < depth; ++c) {
      float best = empty ? 0.0f : std::numeric_limits<float>::lowest();
      for (int32_t y = ty.begin; y < ty.end; ++y) {
        for (int32_t x = tx.begin; x < tx.end; ++x) {
          best = std::max(best, in_b[(int64_t{y} * is.w + x) * is.c + c]);
        }
      }
      o[c] = std::min(std::max(best, p.float_min), p.float_max);
    }
  });
}

void MaxPool2DUint8(const PoolParams& p, const Dims4& is, const uint8_t* in, const Dims4& os,
                    uint8_t* out) {
  MaxPoolQuantized(p, is, in, os, out);
}

void MaxPool2DInt8(const PoolParams& p, const Dims4& is, const int8_t* in, const Dims4& os,
                   int8_t* out) {
  MaxPoolQuantized(p, is, in, os, out);
}

}  // namespace posenet::ref
