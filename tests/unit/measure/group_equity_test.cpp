// A target group's reach against everyone else's: sums of the areas' counts and populations,
// everyone else as the whole less the group, the ratio's 95% interval by the log method (the
// numbers worked by hand, and as scipy.stats.contingency.relative_risk gives them), and the
// sentence, including where a hidden count leaves no ratio.
#include "engine/measure/group_equity.hpp"

#include <gtest/gtest.h>

#include "engine/stats/wilson.hpp"

using namespace reachmap;

namespace {

// area_id, under5_population, registered, seen, lone_parent_population, registered_lone_parent,
// seen_lone_parent, imd_decile (blank: none).
using Area = std::tuple<const char*, Cell, int, int, Cell, int, int, Cell>;
Table areas(const std::vector<Area>& rows) {
  Table t;
  t.columns = {Col::kAreaId,
               Col::kUnder5Population,
               Col::kRegisteredChildren,
               Col::kSeenChildren,
               {"lone_parent_population", ColumnKind::kPopulation},
               {"registered_lone_parent", ColumnKind::kGroupCount},
               {"seen_lone_parent", ColumnKind::kGroupCount},
               Col::kImdDecile};
  for (const auto& [id, pop, reg, seen, gpop, greg, gseen, decile] : rows)
    t.rows.push_back({std::string(id), pop, std::int64_t{reg}, std::int64_t{seen}, gpop,
                      std::int64_t{greg}, std::int64_t{gseen}, decile});
  return t;
}

const std::vector<TargetGroup> kLoneParent = {{"lone_parent", 0, 0}};

double num(const Table& t, std::size_t r, Col c) {
  return *cell_number(t.rows[r][std::size_t(t.column(c))]);
}

}  // namespace

TEST(ReachRatio, TheLogMethodByHand) {
  // 20 of 100 against 60 of 200: ratio 0.2 / 0.3 = 2/3; se = sqrt(1/20 - 1/100 + 1/60 - 1/200)
  // = sqrt(0.0516667) = 0.2273030; exp(-+1.959964 se) = 0.6405003, 1.5612795.
  const auto r = reach_ratio(20, 100, 60, 200);
  ASSERT_TRUE(r);
  EXPECT_NEAR(r->ratio, 2.0 / 3, 1e-15);
  // scipy.stats.contingency.relative_risk(20, 100, 60, 200).confidence_interval(0.95):
  // (0.42700017448657757, 1.0408530745422806).
  EXPECT_NEAR(r->low, 0.42700017448657757, 1e-12);
  EXPECT_NEAR(r->high, 1.0408530745422806, 1e-12);
  EXPECT_NEAR(r->low, 2.0 / 3 * 0.6405003, 1e-7);
}

TEST(ReachRatio, NoneWithAZeroOrACountAboveItsPopulation) {
  EXPECT_FALSE(reach_ratio(0, 100, 60, 200));
  EXPECT_FALSE(reach_ratio(20, 100, 0, 200));
  EXPECT_FALSE(reach_ratio(120, 100, 60, 200));  // a stale denominator
  EXPECT_FALSE(reach_ratio(20, 0, 60, 200));
  EXPECT_TRUE(reach_ratio(100, 100, 60, 200));  // all of the group: 1/a - 1/n1 = 0
}

TEST(GroupEquity, TheGroupAgainstTheWholeLessTheGroupByDecile) {
  const Table in = areas({{"A", 100.0, 60, 40, 30.0, 15, 6, std::int64_t{1}},
                          {"B", 50.0, 20, 10, 20.0, 8, 4, std::int64_t{1}},
                          {"C", 80.0, 50, 30, Cell(), 9, 5, std::int64_t{10}},  // no group pop
                          {"D", 70.0, 40, 35, 10.0, 4, 3, std::int64_t{10}}});
  const GroupEquity g = group_equity(in, kLoneParent);
  const Table& t = g.table;
  ASSERT_EQ(t.rows.size(), 3u);  // all, decile 1, decile 10 (C is left out: no population)
  EXPECT_EQ(std::get<std::string>(t.rows[0][0]), "lone_parent");
  EXPECT_EQ(std::get<std::string>(t.rows[0][1]), "all areas");
  EXPECT_EQ(g.members[0], (std::vector<std::size_t>{0, 1, 3}));
  EXPECT_EQ(g.members[2], (std::vector<std::size_t>{3}));
  EXPECT_EQ(num(t, 0, Col::kUnder5Population), 220);
  EXPECT_EQ(num(t, 0, Col::kGroupPopulation), 60);
  EXPECT_EQ(num(t, 0, Col::kOthersPopulation), 160);
  EXPECT_EQ(num(t, 0, Col::kGroupSeen), 13);
  EXPECT_EQ(num(t, 0, Col::kOthersSeen), 85 - 13);
  EXPECT_EQ(num(t, 1, Col::kOthersRegistered), 80 - 23);
  EXPECT_DOUBLE_EQ(num(t, 1, Col::kGroupSeenReach), 10.0 / 50);
  const Interval ci = wilson_interval(40, 100);  // decile 1's everyone else: 40 of 100
  EXPECT_DOUBLE_EQ(num(t, 1, Col::kOthersSeenReachLow), ci.low);
  EXPECT_DOUBLE_EQ(num(t, 1, Col::kOthersSeenReachHigh), ci.high);
  EXPECT_EQ(t.columns[std::size_t(t.column(Col::kOthersSeen))].kind, ColumnKind::kGroupCount);
}

TEST(GroupEquity, RatiosAndTheSentenceFromTheCountsTheTableHolds) {
  Table t =
      group_equity(areas({{"A", 300.0, 150, 80, 100.0, 40, 20, std::int64_t{1}}}), kLoneParent)
          .table;
  // Decile 1 hides its group's seen count, as disclosure control would.
  t.rows[1][std::size_t(t.column(Col::kGroupSeen))] = std::monostate{};
  add_group_comparison(t);
  // All areas: 20 of 100 against 60 of 200, the numbers above.
  EXPECT_NEAR(num(t, 0, Col::kSeenReachRatio), 2.0 / 3, 1e-15);
  EXPECT_NEAR(num(t, 0, Col::kSeenReachRatioHigh), 1.0408530745422806, 1e-12);
  // Registered: 40 of 100 against 110 of 200.
  EXPECT_NEAR(num(t, 0, Col::kRegisteredReachRatio), 0.4 / 0.55, 1e-15);
  const auto finding = [&](std::size_t r) {
    return std::get<std::string>(t.rows[r][std::size_t(t.column(Col::kFinding))]);
  };
  EXPECT_EQ(finding(0),
            "In all areas, children in the group lone_parent were seen 0.67 times as often as "
            "other children (95% interval 0.43 to 1.04): no clear difference (the interval "
            "includes 1).");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(
      t.rows[1][std::size_t(t.column(Col::kSeenReachRatio))]));
  EXPECT_NE(finding(1).find("no ratio, a count of this row is hidden"), std::string::npos);
}

TEST(GroupEquity, TheSentenceSaysWhichWayBeyondChance) {
  EXPECT_NE(group_finding("g", "decile 2", RatioInterval{0.6, 0.38, 0.95}, "")
                .find(": less often, beyond what chance explains."),
            std::string::npos);
  EXPECT_NE(group_finding("g", "decile 2", RatioInterval{1.6, 1.2, 2.1}, "")
                .find(": more often, beyond what chance explains."),
            std::string::npos);
}

TEST(GroupEquity, NoRowsForAGroupWithoutAFlagOrAPopulation) {
  const Table in = areas({{"A", 100.0, 60, 40, 30.0, 15, 6, std::int64_t{1}}});
  EXPECT_TRUE(group_equity(in, {{"lone_parent", -1, 0}}).table.rows.empty());
  EXPECT_TRUE(group_equity(in, {{"lone_parent", 0, -1}}).table.rows.empty());
}
