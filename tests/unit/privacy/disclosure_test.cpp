#include "engine/privacy/disclosure.hpp"

#include <gtest/gtest.h>

using namespace reachmap;

namespace {
Table sample() {
  Table t;
  t.columns = {{"area_id", ColumnKind::kText},
               {"under5_population", ColumnKind::kPopulation},
               {"seen_children", ColumnKind::kCount},
               {"registered_children", ColumnKind::kCount},
               {"seen_reach", ColumnKind::kRate},
               {"unreached_children", ColumnKind::kDerived},
               {"seen_teen_parent", ColumnKind::kGroupCount},
               {"suppressed", ColumnKind::kFlag}};
  t.rows = {
      {std::string("A"), 40.0, std::int64_t{3}, std::int64_t{12}, 0.075, 37.0, std::int64_t{0},
       false},
      {std::string("B"), 3.0, std::int64_t{0}, std::int64_t{5}, 0.0, 3.0, std::int64_t{2}, false},
      {std::string("C"), 50.0, std::int64_t{5}, std::int64_t{4}, 0.1, 45.0, std::int64_t{6},
       false}};
  return t;
}
bool blank(const Cell& c) {
  return std::holds_alternative<std::monostate>(c);
}
}  // namespace

TEST(Disclosure, SmallCountsBlankTheCountAndTheRowsRates) {
  Table t = sample();
  const auto summary = apply_disclosure_control(t, 5);
  // A: seen 3 is suppressed; its rate and unreached go too; registered 12 stays.
  EXPECT_TRUE(blank(t.rows[0][2]));
  EXPECT_EQ(std::get<std::int64_t>(t.rows[0][3]), 12);
  EXPECT_TRUE(blank(t.rows[0][4]));
  EXPECT_TRUE(blank(t.rows[0][5]));
  EXPECT_EQ(std::get<double>(t.rows[0][1]), 40.0);  // published population is not suppressed
  EXPECT_TRUE(std::get<bool>(t.rows[0][7]));
  // Zero is not a small count: B keeps its 0 and its rate (registered 5 is not below 5).
  EXPECT_EQ(std::get<std::int64_t>(t.rows[1][2]), 0);
  EXPECT_FALSE(std::get<bool>(t.rows[1][7]));
  EXPECT_EQ(std::get<double>(t.rows[1][4]), 0.0);
  // A small target-group count is blanked on its own without blanking the row.
  EXPECT_TRUE(blank(t.rows[1][6]));
  // C: registered 4 suppresses the row.
  EXPECT_TRUE(blank(t.rows[2][3]));
  EXPECT_TRUE(std::get<bool>(t.rows[2][7]));
  EXPECT_EQ(summary.rows_suppressed, 2u);
  EXPECT_EQ(summary.cells_suppressed, 3u);
}

TEST(Disclosure, ZeroTurnsItOff) {
  Table t = sample();
  apply_disclosure_control(t, 0);
  EXPECT_EQ(std::get<std::int64_t>(t.rows[0][2]), 3);
  EXPECT_FALSE(std::get<bool>(t.rows[0][7]));
}

TEST(Disclosure, ThresholdOfOneSuppressesNothing) {
  Table t = sample();
  EXPECT_EQ(apply_disclosure_control(t, 1).rows_suppressed, 0u);
}
