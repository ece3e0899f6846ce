// The median of timings and other samples, the one definition every report uses.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace posenet {

// The middle value; for an even count the mean of the two middle values; 0 when empty.
inline double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), mid, values.end());
  if (values.size() % 2 == 1) return *mid;
  return (*std::max_element(values.begin(), mid) + *mid) / 2;
}

}  // namespace posenet
