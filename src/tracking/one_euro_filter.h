// The One Euro filter (Casiez, Roussel, Vogel, CHI 2012): a first-order low-pass filter whose
// cutoff rises with the signal's speed, so slow motion is smoothed hard (little jitter) and
// fast motion is followed closely (little lag).
//
//   alpha(fc) = 1 / (1 + tau / Te),  tau = 1 / (2 pi fc),  Te = t_i - t_{i-1}
//   dx_i      = (x_i - xhat_{i-1}) / Te                    speed against the last output
//   dxhat_i   = alpha(d_cutoff) dx_i + (1 - alpha(d_cutoff)) dxhat_{i-1}   (dxhat_0 = 0)
//   fc_i      = min_cutoff + beta |dxhat_i|
//   xhat_i    = alpha(fc_i) x_i + (1 - alpha(fc_i)) xhat_{i-1}            (xhat_0 = x_0)
#pragma once

#include "posenet/tracker.h"  // OneEuroParams

namespace posenet {

class OneEuroFilter {
 public:
  explicit OneEuroFilter(OneEuroParams params = {});

  // The filtered value of sample `x` taken at `t_seconds`. The first sample (after
  // construction or Reset) passes through unchanged. A time that does not increase returns
  // the previous output and leaves the state alone.
  double Filter(double x, double t_seconds);

  // Forgets all samples: the next one passes through.
  void Reset();

  const OneEuroParams& params() const { return params_; }

 private:
  OneEuroParams params_;
  bool started_ = false;
  double x_hat_ = 0;   // last output
  double dx_hat_ = 0;  // last filtered speed, units per second
  double t_ = 0;       // time of the last sample
};

// The smoothing factor of a first-order low-pass with cutoff `cutoff_hz` sampled every
// `period_seconds`: 1 / (1 + tau / Te) with tau = 1 / (2 pi fc).
double OneEuroAlpha(double cutoff_hz, double period_seconds);

}  // namespace posenet
