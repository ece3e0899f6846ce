// Times from a frame's arrival to its message leaving, kept as counts in buckets 1 % wide
// (fixed memory however long a camera runs): the median and p99 are within 1 % of the exact
// ones. Safe to add to from several threads.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>

namespace posenet {

class LatencyLog {
 public:
  void Add(double ms);
  int64_t count() const;
  // The q-quantile (0 < q <= 1) in milliseconds; 0 when nothing was added.
  double Quantile(double q) const;

 private:
  // Bucket i holds values up to kFirstMs * kGrowth^i: 0.01 ms to about 100 s.
  static constexpr double kFirstMs = 0.01, kGrowth = 1.01;
  static constexpr int kBuckets = 1620;
  mutable std::mutex mutex_;
  std::array<int64_t, kBuckets> counts_{};
  int64_t total_ = 0;
};

}  // namespace posenet
