#include "runtime/shared_weights.h"

namespace posenet {

SharedWeights::SharedWeights(std::shared_ptr<const ModelFile> model) : model_(std::move(model)) {}

const std::vector<const uint8_t*>* SharedWeights::Constants() {
  std::call_once(constants_once_, [this] {
    // One buffer, each tensor at a multiple of the alignment.
    constexpr size_t kAlign = AlignedBuffer::kAlignment;
    const auto rounded = [](size_t n) { return (n + kAlign - 1) / kAlign * kAlign; };
    size_t total = 0;
    for (const TensorDef& t : model_->tensors) total += rounded(t.data.size());
    constant_bytes_ = AlignedBuffer(total);
    if (!constant_bytes_.allocated()) return;
    constants_.assign(model_->tensors.size(), nullptr);
    size_t offset = 0;
    for (size_t i = 0; i < model_->tensors.size(); ++i) {
      const TensorDef& t = model_->tensors[i];
      if (!t.is_constant()) continue;
      std::copy(t.data.begin(), t.data.end(), constant_bytes_.data() + offset);
      constants_[i] = constant_bytes_.data() + offset;
      offset += rounded(t.data.size());
    }
  });
  return constant_bytes_.allocated() ? &constants_ : nullptr;
}

std::shared_ptr<const void> SharedWeights::ShareAny(
    const std::string& key, const std::function<std::shared_ptr<const void>()>& make) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = prepared_.find(key);
  if (it != prepared_.end()) {
    if (std::shared_ptr<const void> live = it->second.lock()) return live;
  }
  std::shared_ptr<const void> made = make();
  if (made != nullptr) prepared_[key] = made;
  return made;
}

std::string ShareKey(std::string_view kind, std::initializer_list<int64_t> numbers) {
  std::string key(kind);
  for (int64_t n : numbers) key += " " + std::to_string(n);
  return key;
}

}  // namespace posenet
