// The funnel plot for change (engine/stats/change_funnel.hpp) on four areas worked by hand:
// the overall change, each area's z-score and effective size, its flag, a limit, and the
// overdispersion factor and what widening does to the flags.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/stats/change_funnel.hpp"
#include "engine/stats/funnel.hpp"

using namespace reachmap;

TEST(ChangeFunnel, FourAreasWorkedByHand) {
  // x_old/n_old -> x_new/n_new. Together: 110/500 -> 140/500, so the overall change is
  // 0.28 - 0.22 = +0.06; pooled p = 250/1000 = 0.25 and g = 2 x 0.25 x 0.75 = 0.375.
  const std::vector<ChangeCounts> areas{
      {20, 100, 30, 100},  // +0.10; p 50/200 = 0.25, V = 0.1875 x 0.02 = 0.00375
      {50, 200, 50, 200},  // 0; p 0.25, V = 0.1875 x 0.01 = 0.001875
      {30, 100, 20, 100},  // -0.10; V = 0.00375
      {10, 100, 40, 100},  // +0.30; V = 0.00375
  };
  const ChangeFunnelResult f = change_funnel(areas);
  EXPECT_NEAR(f.target, 0.06, 1e-12);
  EXPECT_NEAR(f.g, 0.375, 1e-12);
  const double sd = std::sqrt(0.00375);                    // 0.0612372...
  EXPECT_NEAR(f.z[0], 0.04 / sd, 1e-9);                    // 0.6532
  EXPECT_NEAR(f.z[1], -0.06 / std::sqrt(0.001875), 1e-9);  // -1.3856
  EXPECT_NEAR(f.z[2], -0.16 / sd, 1e-9);  // -2.6128: below the 95% limit, not the 99.8%
  EXPECT_NEAR(f.z[3], 0.24 / sd, 1e-9);   // 3.9192: above the 99.8% limit
  EXPECT_NEAR(f.size[0], 100, 1e-9);      // g / V: its population, at the town's reach
  EXPECT_NEAR(f.size[1], 200, 1e-9);
  EXPECT_EQ(f.flag[0], "within");
  EXPECT_EQ(f.flag[1], "within");
  EXPECT_EQ(f.flag[2], "below 95%");
  EXPECT_EQ(f.flag[3], "above 99.8%");
  EXPECT_FALSE(f.widened);
  // The 95% limit at 100 under-5s: 0.06 + 1.96 x sqrt(0.375 / 100) = 0.180023; area 1's
  // +0.10 lies inside it, area 4's +0.30 outside the 99.8% one (0.06 + 3.09 x 0.0612 = 0.249).
  EXPECT_NEAR(change_funnel_limit(f, 100, kZ95Funnel), 0.1800228, 1e-6);
  EXPECT_NEAR(change_funnel_limit(f, 100, -kZ998), 0.06 - kZ998 * sd, 1e-12);
  // A point is beyond a drawn limit exactly when its z-score is.
  for (std::size_t i = 0; i < areas.size(); ++i) {
    const double change = areas[i].x_new / areas[i].n_new - areas[i].x_old / areas[i].n_old;
    EXPECT_EQ(change > change_funnel_limit(f, f.size[i], kZ95Funnel), f.z[i] > kZ95Funnel) << i;
  }
  // Overdispersion: four areas winsorise none; phi = mean z^2 = 24.5333 / 4 = 6.1333. Widened,
  // every z shrinks by sqrt(phi) and the +0.30 area is within.
  EXPECT_NEAR(f.phi, 6.133333333, 1e-8);
  const ChangeFunnelResult w = change_funnel(areas, true);
  EXPECT_TRUE(w.widened);
  EXPECT_NEAR(w.z[3], 3.9191835885 / std::sqrt(6.133333333), 1e-8);
  EXPECT_EQ(w.flag[3], "within");
  EXPECT_NEAR(change_funnel_limit(w, 100, kZ95Funnel),
              0.06 + kZ95Funnel * std::sqrt(6.133333333 * 0.00375), 1e-9);
}

TEST(ChangeFunnel, AnAreaWithNoneSeenTakesTheTownsSpread) {
  // 0 of 50 seen in both periods: no binomial spread of its own, so the pooled p stands in
  // and it is neither certain nor impossible to move.
  const ChangeFunnelResult f = change_funnel({{0, 50, 0, 50}, {20, 50, 30, 50}});
  const double p = 50.0 / 200, v = p * (1 - p) * (2.0 / 50);
  EXPECT_NEAR(f.size[0], 2 * p * (1 - p) / v, 1e-9);  // 50: its population
  EXPECT_NEAR(f.z[0], (0 - f.target) / std::sqrt(v), 1e-9);
  EXPECT_TRUE(change_funnel({}).z.empty());
}
