// The median and mean of a stream of positive durations (milliseconds per frame) in constant
// memory: a histogram of logarithmic bins 0.1 % wide from 1 ns to 1000 s, so a day of video at
// 30 frames/s costs the same 110 KiB as one frame. The median is the centre of its bin (within
// 0.05 % of the exact one); the mean is exact.
#pragma once

#include <cstdint>
#include <vector>

namespace posenet {

class RunningMedian {
 public:
  void Add(double value);
  int64_t count() const { return count_; }
  double median() const;  // 0 when empty
  double mean() const;    // 0 when empty

 private:
  std::vector<uint32_t> bins_;  // allocated at the first Add
  int64_t count_ = 0;
  double sum_ = 0;
};

}  // namespace posenet
