// A fixed set of worker threads created once per session. ParallelFor splits [0, n) into
// contiguous chunks, one per thread, by a rule that depends only on n and the thread count;
// kernels make every output element's value independent of which chunk computes it, so results
// never depend on the thread count. The calling thread takes the first chunk.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace posenet {

class ThreadPool {
 public:
  // threads >= 1 (the caller counts as one; threads - 1 workers are started).
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return threads_; }

  // Calls fn(begin, end) on disjoint ranges covering [0, n), at most threads() of them, and
  // returns when all are done. Ranges are multiples of `grain` (except the last) so a kernel
  // can keep SIMD blocks whole. Not reentrant: fn must not call ParallelFor.
  void ParallelFor(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn);

 private:
  void WorkerLoop(int index);

  int threads_;
  std::vector<std::thread> workers_;
  // Workers spin briefly on generation_ before sleeping on wake_: an inference runs dozens of
  // short ops back to back, and a futex wake per op would cost more than small ops themselves.
  std::mutex mutex_;
  std::condition_variable wake_;
  const std::function<void(int64_t, int64_t)>* job_ = nullptr;
  std::vector<std::pair<int64_t, int64_t>> ranges_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> pending_{0};
  bool stop_ = false;  // guarded by mutex_
};

// Runs fn over [0, n) on `pool` when it has more than one thread, else inline.
void ParallelFor(ThreadPool* pool, int64_t n, int64_t grain,
                 const std::function<void(int64_t, int64_t)>& fn);

}  // namespace posenet
