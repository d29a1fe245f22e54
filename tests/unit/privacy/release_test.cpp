// The audit's remedy that looks ahead (engine/privacy/audit_release.hpp), on a table worked by
// hand: two rows and three columns with every row and column total published, a small count
// hidden in the corner.
#include <gtest/gtest.h>

#include "engine/privacy/audit_release.hpp"

namespace reachmap {
namespace {

//          col 1   col 2   col 3   total
//  row 1   a = 3   b = 10  c = 100   113
//  row 2   d = 20  e = 30  f = 200   250
//  total     23      40      300
// Moving a (to 0 or to 5) needs a cycle through one other column: through column 2, b, d and
// e move by as much as a, at 10 + 20 + 30 = 60 a unit; through column 3, c, d and f, at 320.
AuditProblem corner_table() {
  AuditProblem p;
  const double truth[] = {3, 10, 100, 20, 30, 200};
  for (double t : truth) {
    p.truth.push_back(t);
    p.lo.push_back(0);
    p.hi.push_back(std::numeric_limits<double>::infinity());
    p.down.push_back(t - 1);
    p.up.push_back(t + 1);
  }
  p.down[0] = 0, p.up[0] = 5;  // a is a small count: it must be able to be 0 or 5
  const auto sum = [&](std::vector<std::size_t> cells) {
    AuditRow row;
    double total = 0;
    for (std::size_t c : cells) row.terms.emplace_back(c, 1.0), total += truth[c];
    row.lo = row.hi = total;
    p.rows.push_back(row);
  };
  sum({0, 1, 2}), sum({3, 4, 5}), sum({0, 3}), sum({1, 4}), sum({2, 5});
  return p;
}

std::vector<double> costs(const AuditProblem& p, std::vector<std::size_t> hidden) {
  std::vector<double> cost(p.truth);  // tau-Argus's cost: the value
  for (std::size_t h : hidden) cost[h] = 0;
  return cost;
}

TEST(Release, TheCheapestCycleIsHidden) {
  const AuditProblem p = corner_table();
  const ReleaseLp lp(p, costs(p, {0}));
  for (const int direction : {-1, 1}) {
    const auto moved = lp.cheapest(0, direction);
    ASSERT_TRUE(moved) << direction;
    EXPECT_EQ(*moved, (std::vector<std::size_t>{1, 3, 4})) << direction;  // b, d, e
  }
}

TEST(Release, ACountHiddenAlreadyMovesForFree) {
  const AuditProblem p = corner_table();
  // With b hidden too, the cycle through column 2 costs only d and e; through column 3 it would
  // still cost c, d and f.
  const ReleaseLp lp(p, costs(p, {0, 1}));
  const auto moved = lp.cheapest(0, 1);
  ASSERT_TRUE(moved);
  EXPECT_EQ(*moved, (std::vector<std::size_t>{3, 4}));
}

TEST(Release, NothingFreesACountItsOwnBoundsPin) {
  AuditProblem p = corner_table();
  p.lo[0] = p.hi[0] = 3;  // a's band says 3 exactly: no cell hidden can move it
  const ReleaseLp lp(p, costs(p, {0}));
  EXPECT_FALSE(lp.cheapest(0, -1));
  EXPECT_FALSE(lp.cheapest(0, 1));
}

TEST(Release, ACountThatCannotFallLeavesOneWayOnly) {
  AuditProblem p = corner_table();
  // d cannot fall below its truth (an order under a published count): a can reach 0 (d up by
  // 3, b up and e down by as much) but not 5 (column 1 would need d down by 2).
  p.lo[3] = 20;
  const ReleaseLp lp(p, costs(p, {0}));
  EXPECT_FALSE(lp.cheapest(0, 1));
  const auto down = lp.cheapest(0, -1);
  ASSERT_TRUE(down);
  EXPECT_EQ(*down, (std::vector<std::size_t>{1, 3, 4}));
}

TEST(Release, AMoveCostsTheSameUpOrDown) {
  const AuditProblem p = corner_table();
  std::vector<double> cost = costs(p, {0});
  cost[4] = 1000;  // e dear: through column 3 (c, d, f: 320 a unit) is now the cheaper cycle
  const ReleaseLp lp(p, cost);
  for (const int direction : {-1, 1}) {
    const auto moved = lp.cheapest(0, direction);
    ASSERT_TRUE(moved) << direction;
    EXPECT_EQ(*moved, (std::vector<std::size_t>{2, 3, 5})) << direction;
  }
}

}  // namespace
}  // namespace reachmap
