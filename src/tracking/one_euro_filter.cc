#include "tracking/one_euro_filter.h"

#include <cmath>
#include <numbers>

namespace posenet {

double OneEuroAlpha(double cutoff_hz, double period_seconds) {
  const double tau = 1.0 / (2.0 * std::numbers::pi * cutoff_hz);
  return 1.0 / (1.0 + tau / period_seconds);
}

OneEuroFilter::OneEuroFilter(OneEuroParams params) : params_(params) {}

double OneEuroFilter::Filter(double x, double t_seconds) {
  if (!started_) {
    started_ = true;
    x_hat_ = x;
    dx_hat_ = 0;
    t_ = t_seconds;
    return x;
  }
  const double period = t_seconds - t_;
  if (!(period > 0)) return x_hat_;
  t_ = t_seconds;
  const double dx = (x - x_hat_) / period;
  const double alpha_d = OneEuroAlpha(params_.d_cutoff, period);
  dx_hat_ += alpha_d * (dx - dx_hat_);
  const double cutoff = params_.min_cutoff + params_.beta * std::abs(dx_hat_);
  const double alpha = OneEuroAlpha(cutoff, period);
  x_hat_ += alpha * (x - x_hat_);  // = alpha x + (1 - alpha) x_hat, never past x
  return x_hat_;
}

void OneEuroFilter::Reset() {
  started_ = false;
  x_hat_ = 0;
  dx_hat_ = 0;
  t_ = 0;
}

}  // namespace posenet
