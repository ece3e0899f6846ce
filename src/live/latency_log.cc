#include "live/latency_log.h"

#include <algorithm>
#include <cmath>

namespace posenet {

void LatencyLog::Add(double ms) {
  int bucket = 0;
  if (ms > kFirstMs) {  // NaN and anything smaller land in the first bucket
    bucket = static_cast<int>(std::ceil(std::log(ms / kFirstMs) / std::log(kGrowth)));
    bucket = std::clamp(bucket, 0, kBuckets - 1);
  }
  std::lock_guard lock(mutex_);
  ++counts_[static_cast<size_t>(bucket)];
  ++total_;
}

int64_t LatencyLog::count() const {
  std::lock_guard lock(mutex_);
  return total_;
}

double LatencyLog::Quantile(double q) const {
  std::lock_guard lock(mutex_);
  if (total_ == 0) return 0;
  // The smallest value with at least q of the samples at or below it.
  const auto rank = std::max<int64_t>(
      1, static_cast<int64_t>(std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(total_))));
  int64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += counts_[static_cast<size_t>(i)];
    // The bucket's geometric middle: within half a bucket (0.5 %) of any value in it.
    if (seen >= rank) return i == 0 ? kFirstMs : kFirstMs * std::pow(kGrowth, i - 0.5);
  }
  return kFirstMs * std::pow(kGrowth, kBuckets - 1);
}

}  // namespace posenet
