#include "base/running_median.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace posenet {
namespace {

TEST(RunningMedian, WithinHalfAPerMilleOfTheExactMedianAndAnExactMean) {
  std::mt19937 rng(7);
  std::lognormal_distribution<double> ms(3.0, 0.8);  // about 20 ms, a long tail
  RunningMedian running;
  std::vector<double> all;
  double sum = 0;
  for (int i = 0; i < 20001; ++i) {
    const double v = ms(rng);
    running.Add(v);
    all.push_back(v);
    sum += v;
  }
  std::nth_element(all.begin(), all.begin() + 10000, all.end());
  const double exact = all[10000];
  EXPECT_EQ(running.count(), 20001);
  EXPECT_NEAR(running.median(), exact, exact * 5e-4);
  EXPECT_DOUBLE_EQ(running.mean(), sum / 20001);
}

TEST(RunningMedian, EmptyTinyAndHugeValues) {
  RunningMedian r;
  EXPECT_EQ(r.median(), 0);
  EXPECT_EQ(r.mean(), 0);
  r.Add(0);     // below the first bin
  r.Add(5e9);   // past the last
  r.Add(12.5);  // the median
  EXPECT_NEAR(r.median(), 12.5, 12.5 * 5e-4);
}

}  // namespace
}  // namespace posenet
