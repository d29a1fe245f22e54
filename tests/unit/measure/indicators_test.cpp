// Area indicators worked out by hand on five areas: reach = children / population, Wilson
// bounds, children not seen, target groups; blank rates without a population, blank counts in
// an area nobody could be placed in, a stale population giving a reach above 1, and a child
// outside every area counted nowhere.
#include "engine/measure/indicators.hpp"

#include <gtest/gtest.h>

#include "tests/support/polygon_wkb.hpp"

using namespace reachmap;

namespace {

struct Children {
  Registrations registrations;
  Attendance attendance;
  std::vector<long> area_of_child;
  // A counted child in `area` with `contacts` contacts, in the lone_parent group or not.
  void add(long area, int contacts, bool lone_parent = false) {
    Child c;
    c.id = registrations.texts.keep("K" + std::to_string(registrations.children.size()));
    c.counted = true;
    c.groups = std::uint64_t(lone_parent);  // bit 0
    registrations.children.push_back(c);
    attendance.contacts.push_back(contacts);
    area_of_child.push_back(area);
  }
};

const Cell& at(const Table& t, std::size_t row, const std::string& column) {
  const int c = t.column(column);
  EXPECT_GE(c, 0) << column;
  return t.rows[row][static_cast<std::size_t>(c)];
}
double number(const Table& t, std::size_t row, const std::string& column) {
  const Cell& c = at(t, row, column);
  if (const auto* n = std::get_if<std::int64_t>(&c)) return static_cast<double>(*n);
  EXPECT_TRUE(std::holds_alternative<double>(c)) << column << " row " << row;
  return std::holds_alternative<double>(c) ? std::get<double>(c) : -1;
}
bool blank(const Table& t, std::size_t row, const std::string& column) {
  return std::holds_alternative<std::monostate>(at(t, row, column));
}

}  // namespace

TEST(AreaIndicators, ReachIsChildrenOverPopulationWorkedOutByHand) {
  const BoundaryLayer layer = testsupport::layer_of("lsoa", {"A", "B", "C", "D", "E"});
  Children k;
  k.registrations.groups = {"lone_parent"};
  k.add(0, 3, true);  // A: sustained (3 contacts), lone parent
  k.add(0, 1);        // A: seen once
  k.add(1, 0, true);  // B: registered, never seen, lone parent
  k.add(1, 5);        // B: sustained
  k.add(-1, 4);       // outside every area: counted nowhere
  k.add(2, 1);        // C: no population
  k.add(3, 2);        // D: unmeasured
  k.add(4, 1);        // E: two seen against a stale population of 1
  k.add(4, 1);
  const std::vector<std::optional<double>> population{4.0, 10.0, std::nullopt, 7.0, 1.0};
  const Table t = area_indicators(layer, k.area_of_child, k.registrations, k.attendance, 3,
                                  population, {false, false, false, true, false});

  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.columns.back().name, "suppressed");
  EXPECT_EQ(std::get<std::string>(at(t, 0, "area_id")), "A");
  EXPECT_EQ(std::get<std::string>(at(t, 0, "area_name")), "Area A");

  // A: 2 registered, 2 seen, 1 sustained of 4 under-5s.
  EXPECT_EQ(number(t, 0, "registered_children"), 2);
  EXPECT_EQ(number(t, 0, "seen_children"), 2);
  EXPECT_EQ(number(t, 0, "sustained_children"), 1);
  EXPECT_DOUBLE_EQ(number(t, 0, "registered_reach"), 0.5);
  EXPECT_DOUBLE_EQ(number(t, 0, "seen_reach"), 0.5);
  EXPECT_DOUBLE_EQ(number(t, 0, "sustained_reach"), 0.25);
  EXPECT_EQ(number(t, 0, "unreached_children"), 2);
  // Wilson 2 of 4: (0.5 + z^2/8 -+ z sqrt(1/16 + z^2/64)) / (1 + z^2/4), z = 1.96.
  EXPECT_NEAR(number(t, 0, "seen_reach_low"), 0.150039, 1e-6);
  EXPECT_NEAR(number(t, 0, "seen_reach_high"), 0.849961, 1e-6);
  // Exact Poisson 95% for 2: 0.2422 to 7.2247 (chi-square tables).
  EXPECT_NEAR(number(t, 0, "seen_children_low"), 0.2422, 1e-4);
  EXPECT_NEAR(number(t, 0, "seen_children_high"), 7.2247, 1e-4);
  EXPECT_EQ(number(t, 0, "registered_lone_parent"), 1);
  EXPECT_EQ(number(t, 0, "seen_lone_parent"), 1);

  // B: 2 registered, 1 seen of 10.
  EXPECT_DOUBLE_EQ(number(t, 1, "seen_reach"), 0.1);
  EXPECT_EQ(number(t, 1, "unreached_children"), 9);
  EXPECT_EQ(number(t, 1, "registered_lone_parent"), 1);
  EXPECT_EQ(number(t, 1, "seen_lone_parent"), 0) << "the lone parent's child was not seen";

  // C: counts but no population, so no rates and no children not seen.
  EXPECT_EQ(number(t, 2, "seen_children"), 1);
  for (const char* c : {"under5_population", "seen_reach", "seen_reach_low", "unreached_children"})
    EXPECT_TRUE(blank(t, 2, c)) << c;

  // D: unmeasured: its population stays, every count and rate is blank.
  EXPECT_EQ(number(t, 3, "under5_population"), 7);
  for (const char* c : {"registered_children", "seen_children", "seen_reach", "unreached_children",
                        "seen_children_low", "registered_lone_parent"})
    EXPECT_TRUE(blank(t, 3, c)) << c;
  EXPECT_EQ(std::get<bool>(at(t, 3, "suppressed")), false);

  // E: 2 seen of a stale 1: reach 2 (not clamped), no Wilson bounds, none unreached.
  EXPECT_DOUBLE_EQ(number(t, 4, "seen_reach"), 2.0);
  EXPECT_TRUE(blank(t, 4, "seen_reach_low"));
  EXPECT_EQ(number(t, 4, "unreached_children"), 0);

  // The child outside every area is in no row.
  double registered = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    if (!blank(t, r, "registered_children")) registered += number(t, r, "registered_children");
  EXPECT_EQ(registered, 7) << "9 children: one outside every area, one in the unmeasured area";
}

TEST(AreaIndicators, MarkEstimatedFlagsOnlyAreasWithAPopulation) {
  const BoundaryLayer layer = testsupport::layer_of("lsoa", {"A", "B"});
  Children k;
  Table t = area_indicators(layer, k.area_of_child, k.registrations, k.attendance, 3,
                            {2.5, std::nullopt});
  mark_estimated(t, {true, true});
  EXPECT_EQ(std::get<bool>(at(t, 0, "under5_population_estimated")), true);
  EXPECT_TRUE(blank(t, 1, "under5_population_estimated")) << "no population, nothing estimated";
}
