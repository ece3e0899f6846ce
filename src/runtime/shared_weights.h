// What every session of one model shares, so that a session holds only its arena, its scratch
// and small prepared state: the constant tensors copied once into aligned memory, and prepared
// objects that hold packed weights (optimized convolutions, merged convolutions). A prepared
// object is made by the first session that asks for its key and kept while any session uses it,
// so sessions with the same input size, thread count and SIMD level share one, and a
// configuration no session uses any more frees its memory. Thread-safe: sessions of one model
// may be created on any threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/aligned_buffer.h"
#include "model/model_file.h"

namespace posenet {

class SharedWeights {
 public:
  explicit SharedWeights(std::shared_ptr<const ModelFile> model);

  // The aligned copy of each constant tensor, by tensor index (null for other tensors), copied
  // on the first call; null when that memory cannot be allocated.
  const std::vector<const uint8_t*>* Constants();

  // The object prepared for `key`: a live one if a session holds it, else the result of `make`
  // (which may be null: nothing to share). Prepared objects must be immutable once made.
  template <typename T>
  std::shared_ptr<const T> Share(const std::string& key,
                                 const std::function<std::unique_ptr<T>()>& make) {
    return std::static_pointer_cast<const T>(
        ShareAny(key, [&] { return std::shared_ptr<const void>(make()); }));
  }

 private:
  std::shared_ptr<const void> ShareAny(const std::string& key,
                                       const std::function<std::shared_ptr<const void>()>& make);

  std::shared_ptr<const ModelFile> model_;
  std::once_flag constants_once_;
  AlignedBuffer constant_bytes_;
  std::vector<const uint8_t*> constants_;
  std::mutex mutex_;
  std::map<std::string, std::weak_ptr<const void>, std::less<>> prepared_;
};

// A key from what decides a prepared object: its kind and numbers ("conv 7 2 1 129 ...").
std::string ShareKey(std::string_view kind, std::initializer_list<int64_t> numbers);

}  // namespace posenet
