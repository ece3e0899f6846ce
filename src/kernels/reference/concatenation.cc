#include "kernels/reference/concatenation.h"

#include "kernels/quantization.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace posenet::ref {
namespace {

int32_t Dim(const Dims4& d, int32_t axis) {
  switch (axis) {
    case 0:
      return d.n;
    case 1:
      return d.h;
    case 2:
      return d.w;
    default:
      return d.c;
  }
}

// Elements of one input's block per outer index: its axis extent times the inner dims.
int64_t InnerSize(const Dims4& d, int32_t axis) {
  int64_t size = 1;
  for (int32_t a = axis; a < 4; ++a) size *= Dim(d, a);
  return size;
}

int64_t OuterSize(const Dims4& d, int32_t axis) {
  int64_t size = 1;
  for (int32_t a = 0; a < axis; ++a) size *= Dim(d, a);
  return size;
}

// `copy(i, src, dst, count)` moves one block of input i.
template <typename T, typename Copy>
void ConcatLoops(int32_t axis, std::span<const Dims4> in_shapes, std::span<const T* const> inputs,
                 const Dims4& out_shape, T* out, Copy copy) {
  const int64_t outer = OuterSize(out_shape, axis);
  T* dst = out;
  for (int64_t k = 0; k < outer; ++k) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      const int64_t block = InnerSize(in_shapes[i], axis);
      copy(i, inputs[i] + k * block, dst, block);
      dst += block;
    }
  }
}

template <typename T>
void ConcatQuantized(const ConcatParams& p, std::span<const Dims4> in_shapes,
                     std::span<const T* const> inputs, const Dims4& out_shape, T* out) {
  constexpr int32_t kMin = std::numeric_limits<T>::min(), kMax = std::numeric_limits<T>::max();
  const float inverse_out_scale = 1.0f / p.output.scale;
  auto copy = [&](size_t i, const T* src, T* dst, int64_t count) {
    const QuantParams& q = p.inputs[i];
    if (q == p.output) {
      std::memcpy(dst, src, static_cast<size_t>(count) * sizeof(T));
      return;
    }
    const float scale = q.scale * inverse_out_scale;
    const float bias = static_cast<float>(-q.zero_point) * scale;
    for (int64_t j = 0; j < count; ++j) {
      const float real = static_cast<float>(src[j]) * scale + bias;
      dst[j] = static_cast<T>(QuantizeRounded(real, p.output.zero_point, kMin, kMax));
    }
  };
  ConcatLoops<T>(p.axis, in_shapes, inputs, out_shape, out, copy);
}

}  // namespace

void ConcatenationFloat(const ConcatParams& p, std::span<const Dims4> in_shapes,
                        std::span<const float* const> inputs, const Dims4& out_shape, float* out) {
  auto copy = [](size_t, const float* src, float* dst, int64_t count) {
    std::memcpy(dst, src, static_cast<size_t>(count) * sizeof(float));
  };
  ConcatLoops<float>(p.axis, in_shapes, inputs, out_shape, out, copy);
}

void ConcatenationUint8(const ConcatParams& p, std::span<const Dims4> in_shapes,
                        std::span<const uint8_t* const> inputs, const Dims4& out_shape,
                        uint8_t* out) {
  ConcatQuantized(p, in_shapes, inputs, out_shape, out);
}

void ConcatenationInt8(const ConcatParams& p, std::span<const Dims4> in_shapes,
                       std::span<const int8_t* const> inputs, const Dims4& out_shape, int8_t* out) {
  ConcatQuantized(p, in_shapes, inputs, out_shape, out);
}

}  // namespace posenet::ref
