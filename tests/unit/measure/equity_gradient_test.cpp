// Reach by deprivation decile: sums of the areas' counts and populations, Wilson intervals, the
// "all areas" row first, areas without a population or decile left out where they must be.
#include "engine/measure/equity_gradient.hpp"

#include <gtest/gtest.h>

#include "engine/stats/wilson.hpp"

using namespace reachmap;

namespace {

// area_id, under5_population, registered, seen, sustained, imd_decile (blank: none).
Table areas(const std::vector<std::tuple<const char*, Cell, int, int, int, Cell>>& rows) {
  Table t;
  t.columns = {{"area_id", ColumnKind::kText},
               {"under5_population", ColumnKind::kPopulation},
               {"registered_children", ColumnKind::kCount},
               {"seen_children", ColumnKind::kCount},
               {"sustained_children", ColumnKind::kCount},
               {"imd_decile", ColumnKind::kPopulation}};
  for (const auto& [id, pop, reg, seen, sus, decile] : rows)
    t.rows.push_back(
        {std::string(id), pop, std::int64_t{reg}, std::int64_t{seen}, std::int64_t{sus}, decile});
  return t;
}

double num(const Table& t, std::size_t r, const std::string& c) {
  return *cell_number(t.rows[r][std::size_t(t.column(c))]);
}

}  // namespace

TEST(EquityGradient, SumsEachDecilesAreasAfterARowForAll) {
  const Table in = areas({{"A", 100.0, 50, 20, 10, std::int64_t{1}},
                          {"B", 60.0, 30, 6, 3, std::int64_t{1}},
                          {"C", 80.0, 60, 40, 30, std::int64_t{10}},
                          {"D", Cell(), 5, 5, 5, std::int64_t{10}},  // no population: out
                          {"E", 40.0, 20, 10, 5, Cell()}});          // no decile: all only
  const EquityGradient g = equity_gradient(in);
  const Table& t = g.table;
  ASSERT_EQ(t.rows.size(), 3u);  // all, decile 1, decile 10
  EXPECT_EQ(std::get<std::string>(t.rows[0][0]), "all areas");
  EXPECT_EQ(std::get<std::string>(t.rows[1][0]), "decile 1 (most deprived)");
  EXPECT_EQ(std::get<std::string>(t.rows[2][0]), "decile 10 (least deprived)");
  EXPECT_EQ(num(t, 0, "areas"), 4);
  EXPECT_EQ(num(t, 0, "under5_population"), 280);
  EXPECT_EQ(num(t, 0, "seen_children"), 76);
  EXPECT_EQ(num(t, 1, "seen_children"), 26);
  EXPECT_EQ(num(t, 1, "registered_children"), 80);
  EXPECT_EQ(num(t, 1, "unreached_children"), 134);
  EXPECT_DOUBLE_EQ(num(t, 1, "seen_reach"), 26.0 / 160);
  const Interval ci = wilson_interval(26, 160);
  EXPECT_DOUBLE_EQ(num(t, 1, "seen_reach_low"), ci.low);
  EXPECT_DOUBLE_EQ(num(t, 1, "seen_reach_high"), ci.high);
  EXPECT_EQ(num(t, 2, "imd_decile"), 10);
  EXPECT_EQ(num(t, 2, "areas"), 1);
  // Members: the rows disclosure control sums (D has no population; E no decile).
  EXPECT_EQ(g.members[0], (std::vector<std::size_t>{0, 1, 2, 4}));
  EXPECT_EQ(g.members[1], (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(g.members[2], (std::vector<std::size_t>{2}));
  // Counts are counts of children (disclosure control hides small ones), with bands.
  EXPECT_EQ(t.columns[std::size_t(t.column("seen_children"))].kind, ColumnKind::kCount);
  EXPECT_GE(t.column("seen_children_band"), 0);
}

TEST(EquityGradient, WithoutDeprivationOnlyTheRowForAll) {
  Table in = areas({{"A", 100.0, 50, 20, 10, Cell()}});
  in.columns.pop_back();
  for (auto& r : in.rows) r.pop_back();
  const EquityGradient g = equity_gradient(in);
  ASSERT_EQ(g.table.rows.size(), 1u);
  EXPECT_EQ(num(g.table, 0, "seen_reach"), 0.2);
}
