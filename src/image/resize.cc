#include "image/resize.h"

#include <algorithm>
#include <cmath>

namespace posenet {
namespace {

// Per-output-coordinate source positions along one axis, with the padding resolved: a source
// index of -1 means "a border pixel", which reads as black.
struct AxisSamples {
  std::vector<int> lo, hi;   // content indices (or -1)
  std::vector<double> frac;  // weight of hi (double, as JavaScript computes it); unused for nearest
};

int ToContent(int padded_index, int pad_before, int content_size) {
  const int i = padded_index - pad_before;
  return i >= 0 && i < content_size ? i : -1;
}

AxisSamples NearestAxis(int content, int pad_before, int pad_after, int dst) {
  const int padded = content + pad_before + pad_after;
  AxisSamples a;
  a.lo.resize(dst);
  const std::vector<int> idx = PilNearestIndices(padded, dst);
  for (int i = 0; i < dst; ++i) a.lo[i] = ToContent(idx[i], pad_before, content);
  return a;
}

AxisSamples BilinearAxis(int content, int pad_before, int pad_after, int dst) {
  const int padded = content + pad_before + pad_after;
  const double ratio = static_cast<double>(padded) / dst;
  AxisSamples a;
  a.lo.resize(dst);
  a.hi.resize(dst);
  a.frac.resize(dst);
  for (int i = 0; i < dst; ++i) {
    const double s = ratio * i;
    const int lo = std::max(0, static_cast<int>(std::floor(s)));
    const int hi = std::min(padded - 1, static_cast<int>(std::ceil(s)));
    a.lo[i] = ToContent(lo, pad_before, content);
    a.hi[i] = ToContent(hi, pad_before, content);
    a.frac[i] = s - lo;
  }
  return a;
}

// Border pixels read as black, whatever the format.
const uint8_t kBlack[4] = {0, 0, 0, 0};

// Pixels of one format: kStep bytes each, red at offset kRed and blue at 2 - kRed. The resize
// loops are instantiated per format, so reading BGR or RGBA costs nothing over RGB.
template <int kStep, int kRed>
struct Pixels {
  static constexpr int kChannel[3] = {kRed, 1, 2 - kRed};  // offsets of R, G, B
  const ImageView& src;
  const uint8_t* At(int x, int y) const {
    return x < 0 || y < 0 ? kBlack : src.row(y) + static_cast<size_t>(x) * kStep;
  }
};

template <int kStep, int kRed>
struct NearestLoop {
  static void Run(const ImageView& src, const AxisSamples& xs, const AxisSamples& ys, Image& dst) {
    const Pixels<kStep, kRed> in{src};
    for (int y = 0; y < dst.height(); ++y) {
      uint8_t* out = dst.row(y);
      for (int x = 0; x < dst.width(); ++x, out += 3) {
        const uint8_t* p = in.At(xs.lo[x], ys.lo[y]);
        for (int c = 0; c < 3; ++c) out[c] = p[in.kChannel[c]];
      }
    }
  }
};

// std::clamp(std::lround(v), 0, 255) without lround's library call (WebAssembly has no
// instruction for it; the call was most of the resize there). For v in [0, 256), v + 0.5 is
// exact in double, so truncating it rounds half away from zero as lround does; a v so small that
// the sum is inexact still truncates to 0.
inline uint8_t RoundToByte(float v) {
  const double r = static_cast<double>(v) + 0.5;
  return r <= 0 ? 0 : r >= 255 ? 255 : static_cast<uint8_t>(static_cast<int>(r));
}

// A picture already of the target size, without borders: either filter samples exactly the
// source pixels (nearest: Pillow's indices are 0, 1, ...; bilinear: s = i, f = 0, so value = TL),
// so the resize is a copy that reorders the channels.
bool IsPlainCopy(const ImageView& src, const Borders& padding, const Image& dst) {
  return src.width == dst.width() && src.height == dst.height() && padding.left == 0 &&
         padding.right == 0 && padding.top == 0 && padding.bottom == 0;
}

template <int kStep, int kRed>
struct CopyLoop {
  static void Run(const ImageView& src, const AxisSamples&, const AxisSamples&, Image& dst) {
    constexpr auto& kChannel = Pixels<kStep, kRed>::kChannel;
    for (int y = 0; y < dst.height(); ++y) {
      const uint8_t* p = src.row(y);
      uint8_t* out = dst.row(y);
      for (int x = 0; x < dst.width(); ++x, p += kStep, out += 3) {
        for (int c = 0; c < 3; ++c) out[c] = p[kChannel[c]];
      }
    }
  }
};

// The horizontal step of bilinear: one source row's top = TL + (TR - TL) * fx per output column
// and channel, in double as tfjs computes it. Each output row reads two source rows, and
// neighbouring output rows share them, so a row is interpolated once and kept (RowCache).
template <int kStep, int kRed>
void LerpRow(const ImageView& src, int row, const AxisSamples& xs, double* out) {
  const Pixels<kStep, kRed> in{src};
  for (size_t x = 0; x < xs.lo.size(); ++x, out += 3) {
    const uint8_t* l = in.At(xs.lo[x], row);
    const uint8_t* r = in.At(xs.hi[x], row);
    const double fx = xs.frac[x];
    for (int c = 0; c < 3; ++c) {
      const int i = in.kChannel[c];
      out[c] = l[i] + (r[i] - l[i]) * fx;
    }
  }
}

// The last two source rows interpolated (row -1: the border, all zeros).
template <int kStep, int kRed>
class RowCache {
 public:
  RowCache(const ImageView& src, const AxisSamples& xs) : src_(src), xs_(xs) {
    for (Slot& s : slots_) s.values.resize(3 * xs.lo.size());
  }
  // Source row `row`, interpolated; `keep` is the other row the caller needs now.
  const double* Get(int row, int keep) {
    for (Slot& s : slots_) {
      if (s.row == row) return s.values.data();
    }
    Slot& s = slots_[0].row == keep ? slots_[1] : slots_[0];
    LerpRow<kStep, kRed>(src_, row, xs_, s.values.data());
    s.row = row;
    return s.values.data();
  }

 private:
  struct Slot {
    int row = -2;  // none yet (-1 is the border)
    std::vector<double> values;
  };
  const ImageView& src_;
  const AxisSamples& xs_;
  Slot slots_[2];
};

template <int kStep, int kRed>
struct BilinearLoop {
  static void Run(const ImageView& src, const AxisSamples& xs, const AxisSamples& ys, Image& dst) {
    RowCache<kStep, kRed> rows(src, xs);
    const size_t values = static_cast<size_t>(dst.width()) * 3;
    for (int y = 0; y < dst.height(); ++y) {
      const double* top = rows.Get(ys.lo[y], ys.hi[y]);
      const double* bottom = rows.Get(ys.hi[y], ys.lo[y]);
      const double fy = ys.frac[y];
      uint8_t* out = dst.row(y);
      for (size_t i = 0; i < values; ++i) {
        out[i] = RoundToByte(static_cast<float>(top[i] + (bottom[i] - top[i]) * fy));
      }
    }
  }
};

// Loop<kStep, kRed>::Run for the format of `src`.
template <template <int, int> class Loop>
void RunForFormat(const ImageView& src, const AxisSamples& xs, const AxisSamples& ys, Image& dst) {
  switch (src.format) {
    case PixelFormat::kRgb:
      return Loop<3, 0>::Run(src, xs, ys, dst);
    case PixelFormat::kBgr:
      return Loop<3, 2>::Run(src, xs, ys, dst);
    case PixelFormat::kRgba:
      return Loop<4, 0>::Run(src, xs, ys, dst);
    case PixelFormat::kBgra:
      return Loop<4, 2>::Run(src, xs, ys, dst);
  }
}

}  // namespace

std::vector<int> PilNearestIndices(int src_size, int dst_size) {
  std::vector<int> out(static_cast<size_t>(std::max(dst_size, 0)));
  const double scale = static_cast<double>(src_size) / dst_size;
  double pos = scale * 0.5;
  for (int i = 0; i < dst_size; ++i) {
    // Pillow truncates; the clamp only guards against a rounding overshoot at the far end.
    out[i] = std::min(static_cast<int>(pos), src_size - 1);
    pos += scale;
  }
  return out;
}

void ResizeNearest(const ImageView& src, const Borders& padding, Image& dst) {
  if (IsPlainCopy(src, padding, dst)) return RunForFormat<CopyLoop>(src, {}, {}, dst);
  const AxisSamples xs = NearestAxis(src.width, padding.left, padding.right, dst.width());
  const AxisSamples ys = NearestAxis(src.height, padding.top, padding.bottom, dst.height());
  RunForFormat<NearestLoop>(src, xs, ys, dst);
}

void ResizeBilinear(const ImageView& src, const Borders& padding, Image& dst) {
  if (IsPlainCopy(src, padding, dst)) return RunForFormat<CopyLoop>(src, {}, {}, dst);
  const AxisSamples xs = BilinearAxis(src.width, padding.left, padding.right, dst.width());
  const AxisSamples ys = BilinearAxis(src.height, padding.top, padding.bottom, dst.height());
  RunForFormat<BilinearLoop>(src, xs, ys, dst);
}

Result<InputTransform> ResizeForModel(const ImageView& picture, int model_w, int model_h,
                                      const ResizeOptions& options, Image& out) {
  if (picture.data == nullptr && picture.width > 0 && picture.height > 0) {
    return Status::Error("cannot resize picture: it has no pixels");
  }
  if (BytesPerPixel(picture.format) == 0) {
    return Status::Error("cannot resize picture: unknown pixel format");
  }
  POSENET_ASSIGN_OR_RETURN(InputTransform t, ComputeInputTransform(picture.width, picture.height,
                                                                   model_w, model_h, options.mode));
  if (out.width() != model_w || out.height() != model_h) out.Reset(model_w, model_h);
  if (options.filter == ResizeFilter::kNearest) {
    ResizeNearest(picture, t.padding, out);
  } else {
    ResizeBilinear(picture, t.padding, out);
  }
  return t;
}

}  // namespace posenet
