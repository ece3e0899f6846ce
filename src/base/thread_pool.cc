#include "base/thread_pool.h"

#include <algorithm>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define POSENET_PAUSE() _mm_pause()
#else
#define POSENET_PAUSE() std::this_thread::yield()
#endif

namespace posenet {
namespace {
constexpr int kSpinIterations = 20000;  // ~100 us of pause instructions before sleeping
}  // namespace

ThreadPool::ThreadPool(int threads) : threads_(std::max(1, threads)) {
  for (int i = 1; i < threads_; ++i) workers_.emplace_back([this, i] { WorkerLoop(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadPool::ParallelFor(int64_t n, int64_t grain,
                             const std::function<void(int64_t, int64_t)>& fn) {
  if (n <= 0) return;
  grain = std::max<int64_t>(1, grain);
  const int64_t blocks = (n + grain - 1) / grain;
  const int64_t parts = std::min<int64_t>(threads_, blocks);
  if (parts <= 1) {
    fn(0, n);
    return;
  }
  // Even split of whole blocks; the first (blocks % parts) parts get one block more.
  ranges_.clear();
  int64_t block = 0;
  for (int64_t p = 0; p < parts; ++p) {
    const int64_t count = blocks / parts + (p < blocks % parts ? 1 : 0);
    ranges_.emplace_back(std::min(n, block * grain), std::min(n, (block + count) * grain));
    block += count;
  }
  job_ = &fn;
  pending_.store(threads_ - 1, std::memory_order_relaxed);  // every worker checks in
  {
    std::lock_guard<std::mutex> lock(mutex_);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  fn(ranges_[0].first, ranges_[0].second);
  while (pending_.load(std::memory_order_acquire) != 0) POSENET_PAUSE();
  job_ = nullptr;
}

void ThreadPool::WorkerLoop(int index) {
  uint64_t seen = 0;
  for (;;) {
    uint64_t now = generation_.load(std::memory_order_acquire);
    for (int spin = 0; now == seen && spin < kSpinIterations; ++spin) {
      POSENET_PAUSE();
      now = generation_.load(std::memory_order_acquire);
    }
    if (now == seen) {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return generation_.load(std::memory_order_acquire) != seen; });
      now = generation_.load(std::memory_order_acquire);
    }
    seen = now;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stop_) return;
    }
    if (index < static_cast<int>(ranges_.size())) {  // fewer parts than threads: nothing to do
      (*job_)(ranges_[index].first, ranges_[index].second);
    }
    pending_.fetch_sub(1, std::memory_order_acq_rel);
  }
}

void ParallelFor(ThreadPool* pool, int64_t n, int64_t grain,
                 const std::function<void(int64_t, int64_t)>& fn) {
  if (pool == nullptr) {
    if (n > 0) fn(0, n);
    return;
  }
  pool->ParallelFor(n, grain, fn);
}

}  // namespace posenet
