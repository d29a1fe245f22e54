// Centre figures worked out by hand: a row per centre listed or named in the attendance, in id
// order; reach in a centre's reach area; children seen here living inside and outside it and
// the reach area's children seen only elsewhere; inside and outside each layer's areas.
#include "engine/measure/centre_indicators.hpp"

#include <gtest/gtest.h>

using namespace reachmap;

namespace {

const Cell& at(const Table& t, std::size_t row, const std::string& column) {
  const int c = t.column(column);
  EXPECT_GE(c, 0) << column;
  return t.rows[row][static_cast<std::size_t>(c)];
}
std::int64_t count(const Table& t, std::size_t row, const std::string& column) {
  const Cell& c = at(t, row, column);
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(c)) << column << " row " << row;
  return std::holds_alternative<std::int64_t>(c) ? std::get<std::int64_t>(c) : -1;
}
double rate(const Table& t, std::size_t row, const std::string& column) {
  const Cell& c = at(t, row, column);
  EXPECT_TRUE(std::holds_alternative<double>(c)) << column << " row " << row;
  return std::holds_alternative<double>(c) ? std::get<double>(c) : -1;
}

}  // namespace

TEST(CentreIndicators, ReachAreaFiguresAndWhereChildrenLiveWorkedOutByHand) {
  // Children 0-3 with 3, 1, 0 and 2 contacts. C1 saw 0 and 3, CX (not listed) saw 1.
  Attendance att;
  att.contacts = {3, 1, 0, 2};
  att.children_by_centre = {{"C1", {0, 3}}, {"CX", {1}}};
  std::vector<Centre> centres(2);
  centres[0].id = "C1", centres[0].name = "Hub One";
  centres[1].id = "C2", centres[1].name = "Hub Two";
  // C1's reach area holds children 0, 1 and 2 and 10 under-5s; C2 has none.
  std::vector<std::optional<ReachArea>> reach(2);
  reach[0].emplace();
  reach[0]->children = {0, 1, 2};
  reach[0]->population = 10;
  const std::vector<long> lsoa_of_child{0, 5, 2, -1};  // child 3 lives outside the layer
  const Table t = centre_indicators(att, {{"lsoa", &lsoa_of_child}}, centres, 3, reach);

  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(std::get<std::string>(at(t, 0, "centre_id")), "C1");
  EXPECT_EQ(std::get<std::string>(at(t, 1, "centre_id")), "C2");
  EXPECT_EQ(std::get<std::string>(at(t, 2, "centre_id")), "CX");
  EXPECT_EQ(std::get<std::string>(at(t, 2, "centre_name")), "CX") << "not listed: its id";
  for (const auto& row : t.rows) EXPECT_EQ(row.size(), t.columns.size());

  // C1: seen here 2 (children 0 and 3); reach area: 3 registered, 2 seen (0, 1), 1 sustained.
  EXPECT_EQ(count(t, 0, "seen_children"), 2);
  EXPECT_EQ(rate(t, 0, "reach_area_under5_population"), 10);
  EXPECT_EQ(std::get<bool>(at(t, 0, "reach_area_population_estimated")), false);
  EXPECT_EQ(count(t, 0, "reach_area_registered"), 3);
  EXPECT_EQ(count(t, 0, "reach_area_seen"), 2);
  EXPECT_EQ(count(t, 0, "reach_area_sustained"), 1);
  EXPECT_EQ(count(t, 0, "reach_area_unreached"), 8);
  EXPECT_DOUBLE_EQ(rate(t, 0, "registered_reach"), 0.3);
  EXPECT_DOUBLE_EQ(rate(t, 0, "seen_reach"), 0.2);
  EXPECT_DOUBLE_EQ(rate(t, 0, "sustained_reach"), 0.1);
  EXPECT_NEAR(rate(t, 0, "seen_reach_low"), 0.0566822, 1e-6);  // Wilson 2 of 10
  EXPECT_NEAR(rate(t, 0, "seen_reach_high"), 0.5098375, 1e-6);
  EXPECT_EQ(count(t, 0, "seen_here_in_reach_area"), 1) << "child 0";
  EXPECT_EQ(count(t, 0, "seen_here_outside_reach_area"), 1) << "child 3";
  EXPECT_DOUBLE_EQ(rate(t, 0, "outside_reach_area_share"), 0.5);
  EXPECT_EQ(count(t, 0, "reach_area_seen_only_elsewhere"), 1) << "child 1, seen at CX";
  EXPECT_EQ(count(t, 0, "seen_inside_lsoa"), 1);
  EXPECT_EQ(count(t, 0, "seen_outside_lsoa"), 1);
  EXPECT_DOUBLE_EQ(rate(t, 0, "inside_lsoa_share"), 0.5);

  // C2: listed, no reach area, nobody seen: blank reach figures, no share of nobody.
  EXPECT_EQ(count(t, 1, "seen_children"), 0);
  for (const char* c : {"reach_area_under5_population", "reach_area_seen", "seen_reach",
                        "reach_area_seen_only_elsewhere", "inside_lsoa_share"})
    EXPECT_TRUE(std::holds_alternative<std::monostate>(at(t, 1, c))) << c;
  EXPECT_EQ(count(t, 1, "seen_inside_lsoa"), 0);

  // CX: one child, living in the layer.
  EXPECT_EQ(count(t, 2, "seen_inside_lsoa"), 1);
  EXPECT_DOUBLE_EQ(rate(t, 2, "inside_lsoa_share"), 1.0);
}

TEST(CentreIndicators, WithoutReachAreasOnlyTheLayerColumns) {
  Attendance att;
  att.contacts = {1};
  att.children_by_centre = {{"C1", {0}}};
  const std::vector<long> ward_of_child{-1};
  const Table t = centre_indicators(att, {{"ward", &ward_of_child}}, {}, 3);
  EXPECT_EQ(t.column("reach_area_seen"), -1);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(count(t, 0, "seen_outside_ward"), 1);
  EXPECT_DOUBLE_EQ(rate(t, 0, "inside_ward_share"), 0.0);
}
