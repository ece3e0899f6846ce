// A first-in first-out queue of at most `capacity` items between two pipeline stages, safe
// for one or more producers and consumers.
//
// When full, Push either waits for room (kBlock: every item is delivered, for files) or
// discards the oldest queued item to make room (kDropOldest: the consumer always gets the
// most recent items, for live sources whose frames must stay current).
// Close() ends the stream: Push then refuses items (returns false), waiting pushers wake up
// and fail, and Pop hands out what is left before returning nullopt. A stage that fails
// closes its queues so that the stages on both sides stop too.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

namespace posenet {

enum class QueueFullPolicy { kBlock, kDropOldest };

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity, QueueFullPolicy policy = QueueFullPolicy::kBlock)
      : capacity_(capacity == 0 ? 1 : capacity), policy_(policy) {}

  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Queues `item`; false (item discarded) once the queue is closed.
  bool Push(T item) {
    std::unique_lock lock(mutex_);
    if (policy_ == QueueFullPolicy::kBlock) {
      not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    }
    if (closed_) return false;
    if (items_.size() >= capacity_) {
      items_.pop_front();
      ++dropped_;
    }
    items_.push_back(std::move(item));
    lock.unlock();
    not_empty_.notify_one();
    return true;
  }

  // Queues `item` only if there is room now, whatever the policy; false (item discarded) when
  // full or closed. For callers that refuse work rather than wait (a server's request queue).
  bool TryPush(T item) {
    std::unique_lock lock(mutex_);
    if (closed_ || items_.size() >= capacity_) return false;
    items_.push_back(std::move(item));
    lock.unlock();
    not_empty_.notify_one();
    return true;
  }

  // The oldest item; waits for one. nullopt once the queue is closed and empty.
  std::optional<T> Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    lock.unlock();
    not_full_.notify_one();
    return item;
  }

  void Close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }
  size_t size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
  }
  // Items discarded by kDropOldest so far.
  int64_t dropped() const {
    std::lock_guard lock(mutex_);
    return dropped_;
  }
  size_t capacity() const { return capacity_; }

 private:
  const size_t capacity_;
  const QueueFullPolicy policy_;
  mutable std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> items_;
  bool closed_ = false;
  int64_t dropped_ = 0;
};

}  // namespace posenet
