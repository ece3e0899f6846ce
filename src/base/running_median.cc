#include "base/running_median.h"

#include <algorithm>
#include <cmath>

namespace posenet {
namespace {

constexpr double kLowest = 1e-6;  // ms: 1 ns; smaller values count in the first bin
constexpr double kRatio = 1.001;  // each bin 0.1 % wider than the one before
constexpr size_t kBins = 27646;   // up to kLowest * kRatio^kBins > 1e6 ms (1000 s)

size_t BinOf(double value) {
  if (!(value > kLowest)) return 0;  // also NaN
  const double bin = std::log(value / kLowest) / std::log(kRatio);
  return std::min(kBins - 1, static_cast<size_t>(bin));
}

// The geometric centre of bin b.
double CentreOf(size_t bin) { return kLowest * std::pow(kRatio, static_cast<double>(bin) + 0.5); }

}  // namespace

void RunningMedian::Add(double value) {
  if (bins_.empty()) bins_.assign(kBins, 0);
  ++bins_[BinOf(value)];
  ++count_;
  if (std::isfinite(value)) sum_ += value;
}

double RunningMedian::median() const {
  if (count_ == 0) return 0;
  // The lower median, as the sample at position (count - 1) / 2 in sorted order.
  const int64_t rank = (count_ - 1) / 2;
  int64_t seen = 0;
  for (size_t b = 0; b < bins_.size(); ++b) {
    seen += bins_[b];
    if (seen > rank) return CentreOf(b);
  }
  return CentreOf(kBins - 1);
}

double RunningMedian::mean() const { return count_ == 0 ? 0 : sum_ / static_cast<double>(count_); }

}  // namespace posenet
