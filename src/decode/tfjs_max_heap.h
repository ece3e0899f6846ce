// The array-based max-heap that tfjs posenet uses for its part candidate queue (max_heap.ts),
// reproduced operation for operation so that equal scores pop in the same order as in tfjs.
//
// Its shape is unusual: slot 0 has a single child, slot 1, and every other slot n has children
// 2n and 2n + 1 (parent of n = floor(n / 2)). Push appends and swims up while the parent is
// strictly smaller; pop swaps the root with the last slot, drops it, and sinks the new root,
// preferring the right child only when the left one is strictly smaller, and stopping as soon
// as the node is not strictly smaller than that child.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace posenet {

// `KeyFn` maps an element to its float/double priority.
template <typename T, typename KeyFn>
class TfjsMaxHeap {
 public:
  explicit TfjsMaxHeap(KeyFn key) : key_(std::move(key)) {}

  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const T& top() const { return items_.front(); }

  void push(T item) {
    items_.push_back(std::move(item));
    Swim(static_cast<int>(items_.size()) - 1);
  }

  // Precondition: !empty().
  T pop() {
    T top_item = items_.front();
    std::swap(items_.front(), items_.back());
    items_.pop_back();
    Sink(0);
    return top_item;
  }

 private:
  bool Less(int i, int j) const { return key_(items_[i]) < key_(items_[j]); }

  void Swim(int k) {
    while (k > 0 && Less(k / 2, k)) {
      std::swap(items_[k], items_[k / 2]);
      k /= 2;
    }
  }

  void Sink(int k) {
    const int last = static_cast<int>(items_.size()) - 1;
    while (2 * k <= last) {
      int j = 2 * k;
      if (j < last && Less(j, j + 1)) ++j;
      if (!Less(k, j)) break;
      std::swap(items_[k], items_[j]);
      k = j;
    }
  }

  KeyFn key_;
  std::vector<T> items_;
};

}  // namespace posenet
