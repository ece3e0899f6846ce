// Test harness for kernels: output buffers with guard bytes on both sides (to catch writes out
// of bounds), seeded random fills, and small helpers to build shapes and parameters.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "kernels/kernel_params.h"

namespace posenet::testing {

// `size` elements of T between two guard zones filled with a byte pattern. The payload starts
// filled with a different pattern, so that an element the kernel forgot to write is visible
// too (compare against expectations that never equal the fill).
template <typename T>
class GuardedBuffer {
 public:
  static constexpr size_t kGuardBytes = 64;
  static constexpr uint8_t kGuardByte = 0xA5;
  static constexpr uint8_t kFillByte = 0x5A;

  explicit GuardedBuffer(size_t size) : size_(size), bytes_(2 * kGuardBytes + size * sizeof(T)) {
    std::memset(bytes_.data(), kGuardByte, bytes_.size());
    std::memset(bytes_.data() + kGuardBytes, kFillByte, size * sizeof(T));
  }

  T* data() { return reinterpret_cast<T*>(bytes_.data() + kGuardBytes); }
  size_t size() const { return size_; }

  std::vector<T> values() const {
    std::vector<T> v(size_);
    std::memcpy(v.data(), bytes_.data() + kGuardBytes, size_ * sizeof(T));
    return v;
  }

  ::testing::AssertionResult GuardsIntact() const {
    const size_t tail = kGuardBytes + size_ * sizeof(T);
    for (size_t i = 0; i < kGuardBytes; ++i) {
      if (bytes_[i] != kGuardByte) {
        return ::testing::AssertionFailure()
               << "write before the output, " << (kGuardBytes - i) << " bytes ahead";
      }
      if (bytes_[tail + i] != kGuardByte) {
        return ::testing::AssertionFailure()
               << "write after the output, at byte " << i << " past its end";
      }
    }
    return ::testing::AssertionSuccess();
  }

 private:
  size_t size_;
  std::vector<uint8_t> bytes_;
};

inline Dims4 Shape4(int32_t n, int32_t h, int32_t w, int32_t c) { return Dims4{n, h, w, c}; }

// Per-tensor requantization repeated over `channels`.
Requant RepeatedRequant(double real_multiplier, int32_t channels);

template <typename T>
std::vector<T> RandomInts(size_t n, int32_t lo, int32_t hi, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int32_t> dist(lo, hi);
  std::vector<T> v(n);
  for (auto& x : v) x = static_cast<T>(dist(rng));
  return v;
}

inline std::vector<float> RandomFloats(size_t n, float lo, float hi, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(n);
  for (auto& x : v) x = dist(rng);
  return v;
}

}  // namespace posenet::testing
