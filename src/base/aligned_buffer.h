// A heap buffer aligned to 64 bytes (a cache line; any SIMD load), zero-initialized. Like
// `new`, it throws std::bad_alloc when the memory cannot be had; the executor, which creates
// every buffer a session uses, turns that into an error (and checks sizes against its memory
// limit before the large ones).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

namespace posenet {

class AlignedBuffer {
 public:
  static constexpr size_t kAlignment = 64;

  AlignedBuffer() = default;
  explicit AlignedBuffer(size_t bytes) : size_(bytes) {
    if (bytes > SIZE_MAX - kAlignment) throw std::bad_alloc();
    const size_t rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
    const size_t size = rounded == 0 ? kAlignment : rounded;
    data_.reset(static_cast<uint8_t*>(std::aligned_alloc(kAlignment, size)));
    if (data_ == nullptr) throw std::bad_alloc();
    std::memset(data_.get(), 0, size);
    allocated_on_thread_ += static_cast<int64_t>(size);
  }

  // Bytes the AlignedBuffers created on this thread have allocated so far (never decreases):
  // the executor counts what kernels pack while they prepare.
  static int64_t AllocatedOnThisThread() { return allocated_on_thread_; }

  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }
  bool allocated() const { return data_ != nullptr; }

 private:
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_ = 0;
  static inline thread_local int64_t allocated_on_thread_ = 0;
};

}  // namespace posenet
