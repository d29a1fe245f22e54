#include "engine/stats/poisson.hpp"

#include <gtest/gtest.h>

using namespace reachmap;

// Exact 95% limits for a Poisson count (Garwood), as tabulated e.g. in the PHE/OHID
// "Confidence intervals" technical guide and reproduced by R's poisson.test.
TEST(Poisson, ExactBelowTen) {
  struct Case {
    double x, low, high;
  };
  for (const Case c : {Case{0, 0.0, 3.6889}, Case{1, 0.0253, 5.5716}, Case{5, 1.6235, 11.6683},
                       Case{9, 4.1154, 17.0848}}) {
    const Interval i = poisson_interval(c.x);
    EXPECT_NEAR(i.low, c.low, 5e-5) << c.x;
    EXPECT_NEAR(i.high, c.high, 5e-5) << c.x;
  }
}

// Byar's approximation from 10: lower = x (1 - 1/(9x) - z/(3 sqrt x))^3, upper the same at x+1
// with +z; for x = 10: 4.7874 and 18.3915 (exact: 4.7954 and 18.3904).
TEST(Poisson, ByarFromTen) {
  const Interval i = poisson_interval(10);
  EXPECT_NEAR(i.low, 4.7874, 5e-4);
  EXPECT_NEAR(i.high, 18.3915, 5e-4);
  const Interval big = poisson_interval(1000);
  EXPECT_NEAR(big.low, 939.1, 0.5);
  EXPECT_NEAR(big.high, 1063.9, 0.5);
}

TEST(Poisson, IncompleteGammaRoundTrips) {
  for (double a : {0.5, 1.0, 3.0, 9.5})
    for (double p : {0.025, 0.5, 0.975}) EXPECT_NEAR(gamma_p(a, gamma_p_inverse(a, p)), p, 1e-12);
}

// A whole count below 10 is worked out once a thread and level: asked again, at another level
// in between, each level gives its own interval, the same bits as the first time.
TEST(Poisson, SmallCountsAskedAgainAtAnotherLevelGiveTheirOwnInterval) {
  const Interval at95 = poisson_interval(5), at99 = poisson_interval(5, 2.5758);
  EXPECT_LT(at99.low, at95.low);
  EXPECT_GT(at99.high, at95.high);
  for (int again = 0; again < 2; ++again) {
    const Interval i95 = poisson_interval(5), i99 = poisson_interval(5, 2.5758);
    EXPECT_EQ(i95.low, at95.low);
    EXPECT_EQ(i95.high, at95.high);
    EXPECT_EQ(i99.low, at99.low);
    EXPECT_EQ(i99.high, at99.high);
  }
  const Interval half = poisson_interval(5.5);  // not a whole count: worked out each time
  EXPECT_GT(half.low, at95.low);
  EXPECT_LT(half.high, poisson_interval(6).high);
}
