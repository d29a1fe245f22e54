// protect(const Analysis&): the door protects every public table together, with the relations
// only the Analysis knows (areas nested in another layer's, a decile of the equity gradient
// made of its areas, a centre's reach area made of a layer's areas). Each test hand-builds a
// small Analysis whose primary cells already hide each layer's total (two small counts per
// layer, adding up to 4 or less so that each can still be 0), so that the only reason for the
// secondary cell the test expects is the relation the test is about.
#include "engine/privacy/protect.hpp"

#include <gtest/gtest.h>

using namespace reachmap;

namespace {

struct Counts {
  const char* id;
  std::int64_t registered, seen, sustained;
};

// An indicators table with just what disclosure control needs: the three counts that add up
// over areas (registered, seen, sustained), the seen band and the suppressed flag; with
// `population`, under5_population and imd_decile too (for the equity gradient).
Table layer_table(const std::vector<Counts>& rows, const std::vector<double>& population = {},
                  const std::vector<std::int64_t>& decile = {}) {
  Table t;
  t.columns = {Col::kAreaId};
  if (!population.empty())
    t.columns.insert(t.columns.end(), {Col::kUnder5Population, Col::kImdDecile});
  t.columns.insert(t.columns.end(), {Col::kRegisteredChildren,
                                     Col::kSeenChildren,
                                     Col::kSustainedChildren,
                                     {band_of(Col::kSeenChildren), ColumnKind::kBand},
                                     Col::kSuppressed});
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::vector<Cell> row{std::string(rows[r].id)};
    if (!population.empty()) row.insert(row.end(), {population[r], decile[r]});
    row.insert(row.end(),
               {rows[r].registered, rows[r].seen, rows[r].sustained, Cell(), Cell(false)});
    t.rows.push_back(std::move(row));
  }
  return t;
}

LayerResult layer(const std::string& name, Table indicators, std::vector<long> area_of_child) {
  LayerResult l;
  l.boundary.name = name;
  l.indicators = std::move(indicators);
  l.area_of_child = std::move(area_of_child);
  return l;
}

Analysis with_min_count(int k) {
  Analysis a;
  a.settings.privacy.min_count = k;
  return a;
}

bool blank(const Cell& c) {
  return std::holds_alternative<std::monostate>(c);
}
std::string text(const Cell& c) {
  return std::holds_alternative<std::string>(c) ? std::get<std::string>(c) : "";
}
std::int64_t count(const Cell& c) {
  return std::holds_alternative<std::int64_t>(c) ? std::get<std::int64_t>(c) : -1;
}

// Which rows of `t` have column `col` hidden, as their ids ("F1 F2").
std::string hidden_rows(const Table& t, Col col) {
  std::string out;
  const int c = t.column(col);
  for (const auto& row : t.rows)
    if (blank(row[std::size_t(c)])) out += (out.empty() ? "" : " ") + text(row[0]);
  return out;
}

// Two fine areas in each of two coarse areas; eight children, two per fine area.
Analysis nested(int k = 5) {
  Analysis a = with_min_count(k);
  // seen: F1 1 and F3 3 are small; the fine layer's total is hidden by them already.
  a.layers.push_back(
      layer("fine",
            layer_table({{"F1", 8, 1, 0}, {"F2", 12, 10, 6}, {"F3", 9, 3, 0}, {"F4", 25, 20, 11}}),
            {0, 0, 1, 1, 2, 2, 3, 3}));
  a.layers.push_back(layer("coarse", layer_table({{"G1", 20, 11, 6}, {"G2", 34, 23, 11}}),
                           {0, 0, 0, 0, 1, 1, 1, 1}));
  return a;
}

}  // namespace

TEST(Protect, AFineAreaHiddenInACoarseOneHidesASiblingSoTheCoarseCountCannotGiveItBack) {
  const Analysis a = nested();
  const PublicTables p = protect(a);
  ASSERT_EQ(p.layers.size(), 2u);
  const Table &fine = p.layers[0], &coarse = p.layers[1];
  // F1 (1) and F3 (3) are small; G1 = F1 + F2 and G2 = F3 + F4 are published, so F2 and F4
  // go too (without them G1 - F2 = 1 and G2 - F4 = 3).
  EXPECT_EQ(hidden_rows(fine, Col::kSeenChildren), "F1 F2 F3 F4");
  EXPECT_EQ(hidden_rows(coarse, Col::kSeenChildren), "");
  EXPECT_EQ(count(coarse.rows[0][2]), 11);
  EXPECT_EQ(count(coarse.rows[1][2]), 23);
  // The small ones get their band; a companion the band its published total leaves it
  // (G1 11 - F1's 0-4, G2 23 - F3's 0-4), which tells nothing the total does not.
  EXPECT_EQ(text(fine.rows[0][4]), "0-4");
  EXPECT_EQ(text(fine.rows[1][4]), "7-11");
  EXPECT_EQ(text(fine.rows[2][4]), "0-4");
  EXPECT_EQ(text(fine.rows[3][4]), "19-23");
  // Registered and sustained have nothing small (0 is published): all shown.
  EXPECT_EQ(hidden_rows(fine, Col::kRegisteredChildren), "");
  EXPECT_EQ(hidden_rows(fine, Col::kSustainedChildren), "");
  for (const auto& row : fine.rows) EXPECT_TRUE(std::get<bool>(row[5])) << text(row[0]);
  for (const auto& row : coarse.rows) EXPECT_FALSE(std::get<bool>(row[5])) << text(row[0]);
  // One summary per layer, per equity table (none here: no population), the centres, then per
  // groups table (none here: no target group).
  ASSERT_EQ(p.disclosure.size(), 7u);
  EXPECT_EQ(p.disclosure[0].primary_cells, 2u);
  EXPECT_EQ(p.disclosure[0].secondary_cells, 2u);
  EXPECT_EQ(p.disclosure[0].rows_suppressed, 4u);
  EXPECT_EQ(p.disclosure[1].primary_cells + p.disclosure[1].secondary_cells, 0u);
  // The analysis keeps its true counts: only the public copies change.
  EXPECT_EQ(count(a.layers[0].indicators.rows[0][2]), 1);
}

TEST(Protect, AreasThatDoNotNestGiveNoRelation) {
  // The same counts, but the coarse areas cut across the fine ones: of each fine area's three
  // children one lives in the other coarse area (F1, F2 mostly in G1; F3, F4 mostly in G2), so
  // no coarse count is a sum of fine ones and nothing more is hidden.
  Analysis a = nested();
  a.layers[0].area_of_child = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3};
  a.layers[1].area_of_child = {0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0};
  const PublicTables p = protect(a);
  EXPECT_EQ(hidden_rows(p.layers[0], Col::kSeenChildren), "F1 F3");
}

TEST(Protect, DisclosureControlOffPublishesEveryCount) {
  const PublicTables p = protect(nested(0));
  EXPECT_EQ(hidden_rows(p.layers[0], Col::kSeenChildren), "");
  EXPECT_EQ(count(p.layers[0].rows[0][2]), 1);
  EXPECT_EQ(p.disclosure[0].primary_cells, 0u);
}

TEST(Protect, ADecileOfTheEquityGradientHidesASiblingOfItsHiddenArea) {
  // Deciles: A and B are in decile 1, C and D in decile 2. Equity rows publish each decile's
  // seen (A + B = 10, C + D = 15), so B and D go with the small A (1) and C (3). (B's 20
  // registered leave A able to be 0.)
  Analysis a = with_min_count(5);
  a.layers.push_back(
      layer("area",
            layer_table({{"A", 6, 1, 0}, {"B", 20, 9, 5}, {"C", 7, 3, 0}, {"D", 15, 12, 8}},
                        {40.0, 50.0, 30.0, 60.0}, {1, 1, 2, 2}),
            {}));
  const PublicTables p = protect(a);
  EXPECT_EQ(hidden_rows(p.layers[0], Col::kSeenChildren), "A B C D");
  // The equity table itself: all areas, decile 1, decile 2, each published in full.
  ASSERT_EQ(p.equity.size(), 1u);
  const Table& e = p.equity[0];
  ASSERT_EQ(e.rows.size(), 3u);
  const int c_seen = e.column(Col::kSeenChildren);
  EXPECT_EQ(count(e.rows[0][std::size_t(c_seen)]), 25);
  EXPECT_EQ(count(e.rows[1][std::size_t(c_seen)]), 10);
  EXPECT_EQ(count(e.rows[2][std::size_t(c_seen)]), 15);
  ASSERT_EQ(p.disclosure.size(), 4u);  // the layer, its equity table, the centres, its groups
  EXPECT_EQ(p.disclosure[0].secondary_cells, 2u);
  EXPECT_EQ(p.disclosure[1].primary_cells + p.disclosure[1].secondary_cells, 0u);
}

TEST(Protect, AReachAreaMadeOfAreasHidesASiblingOfItsHiddenArea) {
  // CC1's reach area is A and B: the centre table publishes its seen (1 + 9 = 10), so B goes
  // with the small A. CC0 has no reach area.
  Analysis a = with_min_count(5);
  a.layers.push_back(layer(
      "area", layer_table({{"A", 6, 1, 0}, {"B", 20, 9, 5}, {"C", 7, 3, 0}, {"D", 15, 9, 8}}), {}));
  a.centres = {{"CC1", "One", 0, 0, {"A", "B"}, ""}, {"CC0", "Zero", 0, 0, {}, ""}};
  a.reach.emplace();
  a.reach->layer = 0;
  a.reach->by_centre = {ReachArea{{}, std::nullopt, false, {0, 1}, {}}, std::nullopt};
  Table& c = a.centre_table;
  c.columns = {Col::kCentreId,      Col::kSeenChildren,       Col::kReachAreaRegistered,
               Col::kReachAreaSeen, Col::kReachAreaSustained, Col::kSuppressed};
  // In id order, as centre_indicators makes it (not the order of Analysis::centres).
  c.rows = {{std::string("CC0"), std::int64_t{7}, Cell(), Cell(), Cell(), false},
            {std::string("CC1"), std::int64_t{30}, std::int64_t{26}, std::int64_t{10},
             std::int64_t{5}, false}};
  const PublicTables p = protect(a);
  // D is in no reach area, but with A, B and C hidden the layer's total (22) less D's 9 and
  // the reach area's 10 would give C's 3: secondary suppression, one relation at a time, let
  // that through; the audit, with both at once, hides the cheaper of the two, D's 9.
  EXPECT_EQ(hidden_rows(p.layers[0], Col::kSeenChildren), "A B C D");
  // B's band is what the reach area's 10 leaves it beside A's 0-4.
  EXPECT_EQ(text(p.layers[0].rows[1][4]), "6-10");
  // The reach area's own figures are published; registered and sustained need no companion.
  EXPECT_EQ(count(p.centres.rows[1][3]), 10);
  EXPECT_EQ(count(p.centres.rows[1][2]), 26);
  EXPECT_EQ(hidden_rows(p.layers[0], Col::kRegisteredChildren), "");
  EXPECT_EQ(hidden_rows(p.layers[0], Col::kSustainedChildren), "");
  EXPECT_FALSE(std::get<bool>(p.centres.rows[1][5]));
}
