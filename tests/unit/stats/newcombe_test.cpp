// Newcombe's hybrid score interval (engine/stats/newcombe.hpp) against the paper's own worked
// examples: Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10, printed to
// four decimals. The paper's difference is p1 - p2; ours is new - old, so its p1 is our new.
#include <gtest/gtest.h>

#include "engine/stats/newcombe.hpp"

using namespace reachmap;

namespace {

void expect_interval(double x_old, double n_old, double x_new, double n_new, double low,
                     double high) {
  const Interval ci = newcombe_difference(x_old, n_old, x_new, n_new);
  EXPECT_NEAR(ci.low, low, 5e-5) << x_new << "/" << n_new << " - " << x_old << "/" << n_old;
  EXPECT_NEAR(ci.high, high, 5e-5) << x_new << "/" << n_new << " - " << x_old << "/" << n_old;
}

}  // namespace

TEST(Newcombe, MatchesThePapersWorkedExamples) {
  expect_interval(48, 80, 56, 70, 0.0524, 0.3339);  // (a) 56/70 - 48/80
  expect_interval(3, 10, 9, 10, 0.1705, 0.8090);    // (b) 9/10 - 3/10
  expect_interval(0, 29, 5, 56, -0.0381, 0.1926);   // (e) 5/56 - 0/29: a zero count
}

TEST(Newcombe, SwappingThePeriodsMirrorsTheInterval) {
  const Interval up = newcombe_difference(12, 40.5, 25, 41.2);
  const Interval down = newcombe_difference(25, 41.2, 12, 40.5);
  EXPECT_NEAR(up.low, -down.high, 1e-12);
  EXPECT_NEAR(up.high, -down.low, 1e-12);
  EXPECT_LT(up.low, 25 / 41.2 - 12 / 40.5);
  EXPECT_GT(up.high, 25 / 41.2 - 12 / 40.5);
}

TEST(Newcombe, NoChangeHoldsZeroAndAWholeChangeStopsAtOne) {
  const Interval same = newcombe_difference(7, 20, 7, 20);
  EXPECT_NEAR(same.low, -same.high, 1e-12);
  EXPECT_LT(same.low, 0);
  // 0 of 10 before, 10 of 10 now: the difference cannot pass 1 (the Wald interval would).
  const Interval all = newcombe_difference(0, 10, 10, 10);
  EXPECT_DOUBLE_EQ(all.high, 1.0);
  EXPECT_NEAR(all.low, 0.6075, 5e-5);  // 1 - sqrt(2) x 0.2775, Wilson's upper bound for 0/10
}
