#include "tracking/one_euro_filter.h"

#include <gtest/gtest.h>

namespace posenet {
namespace {

// Te = 0.1 s throughout. With fc = 1 Hz: tau = 1 / (2 pi) = 0.1591549431,
// alpha = 1 / (1 + tau / Te) = 1 / 2.591549431 = 0.3858695451.
TEST(OneEuroAlpha, MatchesTheFirstOrderLowPassFormula) {
  EXPECT_NEAR(OneEuroAlpha(1.0, 0.1), 0.3858695451, 1e-9);
  // fc = 10 Hz, Te = 0.04 s: tau = 0.01591549431, alpha = 1 / (1 + 0.3978873577) = 0.7153652220.
  EXPECT_NEAR(OneEuroAlpha(10.0, 0.04), 0.7153652220, 1e-9);
}

TEST(OneEuroFilter, BetaZeroIsAFixedLowPass) {
  OneEuroFilter f({.min_cutoff = 1.0, .beta = 0.0, .d_cutoff = 1.0});
  EXPECT_EQ(f.Filter(0.0, 0.0), 0.0);  // first sample passes through
  // xhat = alpha x + (1 - alpha) xhat_prev with alpha = 0.3858695451:
  // 0.3858695451 * 10 = 3.858695451
  EXPECT_NEAR(f.Filter(10.0, 0.1), 3.858695451, 1e-8);
  // 3.858695451 + 0.3858695451 * (10 - 3.858695451) = 6.228437844
  EXPECT_NEAR(f.Filter(10.0, 0.2), 6.228437844, 1e-8);
  // 6.228437844 + 0.3858695451 * (10 - 6.228437844) = 7.683768817
  EXPECT_NEAR(f.Filter(10.0, 0.3), 7.683768817, 1e-8);
}

TEST(OneEuroFilter, BetaRaisesTheCutoffWithSpeed) {
  OneEuroFilter f({.min_cutoff = 1.0, .beta = 0.1, .d_cutoff = 1.0});
  EXPECT_EQ(f.Filter(0.0, 0.0), 0.0);
  // Sample 1, x = 10: dx = (10 - 0) / 0.1 = 100; dxhat = 0.3858695451 * 100 = 38.58695451;
  // fc = 1 + 0.1 * 38.58695451 = 4.858695451 Hz; tau = 1 / (2 pi fc) = 0.03275673;
  // alpha = 1 / (1 + 0.3275673) = 0.7532575181; xhat = 7.532575181.
  EXPECT_NEAR(f.Filter(10.0, 0.1), 7.532575181, 1e-8);
  // Sample 2, x = 20: dx = (20 - 7.532575181) / 0.1 = 124.6742482;
  // dxhat = 0.3858695451 * 124.6742482 + 0.6141304549 * 38.58695451 = 71.80541936;
  // fc = 8.180541936 Hz; alpha = 0.8371331815;
  // xhat = 7.532575181 + 0.8371331815 * (20 - 7.532575181) = 17.96947018.
  EXPECT_NEAR(f.Filter(20.0, 0.2), 17.96947018, 1e-7);
  // Sample 3, x = 20: dx = (20 - 17.96947018) / 0.1 = 20.30529815;
  // dxhat = 0.3858695451 * 20.30529815 + 0.6141304549 * 71.80541936 = 51.93309102;
  // fc = 6.193309102 Hz; alpha = 0.7955583362;
  // xhat = 17.96947018 + 0.7955583362 * (20 - 17.96947018) = 19.58487511.
  EXPECT_NEAR(f.Filter(20.0, 0.3), 19.58487511, 1e-7);
}

TEST(OneEuroFilter, ConstantInputStaysConstant) {
  OneEuroFilter f({.min_cutoff = 0.5, .beta = 0.3, .d_cutoff = 1.0});
  for (int i = 0; i < 50; ++i) EXPECT_EQ(f.Filter(123.25, i / 25.0), 123.25) << "sample " << i;
}

TEST(OneEuroFilter, StepResponseRisesMonotonicallyTowardsTheStep) {
  for (double beta : {0.0, 0.01, 1.0}) {
    OneEuroFilter f({.min_cutoff = 1.0, .beta = beta, .d_cutoff = 1.0});
    f.Filter(0.0, 0.0);
    double previous = 0.0;
    for (int i = 1; i < 100; ++i) {
      const double y = f.Filter(100.0, i / 25.0);
      EXPECT_TRUE(y > previous || (y == previous && y > 99.99))
          << "beta " << beta << " sample " << i;
      EXPECT_LE(y, 100.0) << "beta " << beta << " sample " << i;
      previous = y;
    }
    EXPECT_GT(previous, 99.0) << "beta " << beta;  // settles within 4 s
  }
}

TEST(OneEuroFilter, LargerBetaFollowsAStepFaster) {
  OneEuroFilter slow({.min_cutoff = 1.0, .beta = 0.0, .d_cutoff = 1.0});
  OneEuroFilter fast({.min_cutoff = 1.0, .beta = 0.05, .d_cutoff = 1.0});
  slow.Filter(0.0, 0.0);
  fast.Filter(0.0, 0.0);
  EXPECT_GT(fast.Filter(100.0, 0.04), slow.Filter(100.0, 0.04));
}

TEST(OneEuroFilter, ResetMakesTheNextSamplePassThrough) {
  OneEuroFilter f;
  f.Filter(0.0, 0.0);
  EXPECT_LT(f.Filter(50.0, 0.04), 50.0);
  f.Reset();
  EXPECT_EQ(f.Filter(-7.5, 0.08), -7.5);
  EXPECT_LT(f.Filter(0.0, 0.12), 0.0);
}

TEST(OneEuroFilter, TimeThatDoesNotAdvanceKeepsThePreviousOutput) {
  OneEuroFilter f;
  f.Filter(0.0, 1.0);
  const double y = f.Filter(10.0, 1.1);
  EXPECT_EQ(f.Filter(99.0, 1.1), y);
  EXPECT_EQ(f.Filter(99.0, 0.5), y);
}

}  // namespace
}  // namespace posenet
