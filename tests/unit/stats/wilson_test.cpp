#include "engine/stats/wilson.hpp"

#include <gtest/gtest.h>

using reachmap::wilson_interval;

// Reference values: Newcombe (1998), "Two-sided confidence intervals for the single
// proportion", Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score, no
// continuity correction), given to 4 decimal places.
TEST(Wilson, MatchesNewcombe1998TableI) {
  struct Case {
    double x, n, low, high;
  };
  for (const Case c : {Case{81, 263, 0.2553, 0.3662}, Case{15, 148, 0.0624, 0.1605},
                       Case{0, 20, 0.0, 0.1611}, Case{1, 29, 0.0061, 0.1718}}) {
    const auto ci = wilson_interval(c.x, c.n);
    EXPECT_NEAR(ci.low, c.low, 5e-5) << c.x << "/" << c.n;
    EXPECT_NEAR(ci.high, c.high, 5e-5) << c.x << "/" << c.n;
  }
}

TEST(Wilson, ExtremesAreExactAndSymmetric) {
  const auto all = wilson_interval(20, 20);
  EXPECT_EQ(all.high, 1.0);
  EXPECT_NEAR(all.low, 1 - 0.1611, 5e-5);
  const auto a = wilson_interval(3, 10), b = wilson_interval(7, 10);
  EXPECT_NEAR(a.low, 1 - b.high, 1e-12);
  EXPECT_NEAR(a.high, 1 - b.low, 1e-12);
}

TEST(Wilson, NonIntegerDenominatorsWork) {
  const auto ci = wilson_interval(10, 37.5);
  EXPECT_LT(ci.low, 10 / 37.5);
  EXPECT_GT(ci.high, 10 / 37.5);
}
