// Small statistics over series of samples, shared by the analysis steps.
#pragma once

#include <vector>

namespace posenet {

// The p-th percentile (0-100) by linear interpolation; 0 for an empty series. Sorts a copy.
double Percentile(std::vector<double> values, double p);

double Mean(const std::vector<double>& values);               // 0 when empty
double StandardDeviation(const std::vector<double>& values);  // population sd; 0 when < 2

}  // namespace posenet
