// The outreach priority finds what an outreach worker must see first: areas where reach is far
// below what is expected, whatever their size, and not large areas with ordinary reach; in the
// public table (after disclosure control) as in the private one.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <map>

#include "engine/core/rng.hpp"
#include "engine/privacy/disclosure.hpp"
#include "engine/privacy/relations.hpp"
#include "engine/stats/layer_analysis.hpp"
#include "engine/stats/priority.hpp"
#include "tests/support/lattice.hpp"
#include "tests/support/polygon_wkb.hpp"

using namespace reachmap;

namespace {

using testsupport::polygon_wkb;

struct Layer {
  BoundaryLayer boundary;
  Table table;
  Covariates covariates;
  std::vector<std::size_t> planted;
};

// 400 areas of 10 to 149 under-5s with an ordinary seen reach of about 40% (a bit lower where
// deprived), and 20 planted areas of 60 or more with 0 to 4 seen. Planted areas are not deprived.
Layer planted_layer() {
  constexpr int kSide = 20;
  Layer l;
  l.boundary.name = "test";
  const auto cells = testsupport::lattice(kSide);
  Rng rng(2024, 1);
  const std::string pop = "under5_population", seen = "seen_children";
  l.table.columns = {
      {"area_id", ColumnKind::kText},
      {pop, ColumnKind::kPopulation, "", Formula::kNone, "", {{seen, "unreached_children"}}},
      {seen, ColumnKind::kCount},
      {"seen_reach", ColumnKind::kRate, seen, Formula::kProportion, pop},
      {"unreached_children", ColumnKind::kDerivedCount, seen},
      {"seen_children_band", ColumnKind::kBand},
      {"unreached_children_band", ColumnKind::kBand},
      {"suppressed", ColumnKind::kFlag}};
  for (int i = 0; i < kSide * kSide; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "A%03d", i);
    Area a{id, id, polygon_wkb(cells[std::size_t(i)][0]), cells[std::size_t(i)][0][0].x + 0.5,
           cells[std::size_t(i)][0][0].y + 0.5};
    l.boundary.index_of[a.id] = l.boundary.areas.size();
    l.boundary.areas.push_back(a);
    const bool planted = i % 20 == 7;
    const int n = planted ? 60 + (i * 7) % 60 : 10 + (i * 37) % 140;
    const int decile = planted ? 9 : 1 + (i * 13) % 10;
    int s = 0;
    if (planted) {
      s = (i / 20) % 5;  // 0 to 4
      l.planted.push_back(std::size_t(i));
    } else {
      const double p = 0.32 + 0.02 * decile;
      for (int k = 0; k < n; ++k) s += rng.uniform() < p;
    }
    l.table.rows.push_back({std::string(id), double(n), std::int64_t{s}, double(s) / n,
                            std::int64_t{n - s}, Cell(), Cell(), false});
    l.covariates.decile.push_back(double(decile));
  }
  return l;
}

}  // namespace

TEST(Priority, PlantedAreasWithAlmostNobodySeenAreInTheTopTenthPublicAndPrivate) {
  Layer l = planted_layer();
  AnalysisOptions cfg;
  cfg.permutations = 99;
  const LayerStatistics st =
      analyse_layer(l.table, l.boundary, l.covariates, cfg, 7, true, 2, "test.toml");
  ASSERT_TRUE(st.computed) << st.skipped;
  EXPECT_EQ(st.left_out, 0u);
  Table pub = l.table;
  protect_tables({{&pub, &st.neighbours_by_row}}, total_relations(pub, 0), PrivacyRule{});
  const int rank = l.table.column("priority_rank"), flag = pub.column("suppressed");
  std::size_t hidden = 0;
  for (std::size_t r : l.planted) {
    const auto private_rank = std::get<std::int64_t>(l.table.rows[r][std::size_t(rank)]);
    EXPECT_LE(private_rank, 40) << l.table.rows[r][0].index() << " area " << r;
    ASSERT_TRUE(std::holds_alternative<std::int64_t>(pub.rows[r][std::size_t(rank)]));
    EXPECT_EQ(std::get<std::int64_t>(pub.rows[r][std::size_t(rank)]), private_rank);
    hidden += std::get<bool>(pub.rows[r][std::size_t(flag)]);
  }
  EXPECT_GE(hidden, 10u) << "most planted areas have 1 to 4 seen: hidden, and still ranked";
}

TEST(Priority, TheGapCountsByItsEvidenceNotItsRank) {
  // Two areas below expectation: a small one just below, a large one far below. Deprivation
  // favours the small one; the evidence of the gap must still put the large one first.
  std::vector<PriorityInput> areas;
  for (int i = 0; i < 50; ++i) areas.push_back({40, 100, 0.4, -5.0, false});  // ordinary
  areas.push_back({8, 30, 0.4, -1.0, false});   // z about 1.5, most deprived
  areas.push_back({5, 120, 0.4, -9.0, false});  // z about 8, least deprived
  const Priority p = outreach_priority(areas, PriorityWeights{});
  EXPECT_TRUE(p.used_need);
  EXPECT_EQ(p.rank[51], 1);
  EXPECT_LT(p.rank[51], p.rank[50]);
  EXPECT_NE(describe_priority(PriorityWeights{}, true).find("0.5 gap"), std::string::npos);
  // Without deprivation its weight moves to the gap.
  EXPECT_NE(describe_priority(PriorityWeights{}, false).find("0.65 gap"), std::string::npos);
}

TEST(Priority, TheReadmeGivesTheWeightsInUse) {
  // The formula is defined once (priority.hpp) and said by describe_priority in the manifest
  // and on the maps; the README's example block must not drift from the defaults.
  std::ifstream readme(std::string(REACHMAP_SOURCE_DIR) + "/README.md");
  std::string line;
  while (std::getline(readme, line) && line.rfind("[analysis.priority]", 0) != 0) {
  }
  std::map<std::string, double> given;
  while (std::getline(readme, line) && line.find(" = ") != std::string::npos)
    given[line.substr(0, line.find(' '))] = std::stod(line.substr(line.find(" = ") + 3));
  const PriorityWeights w;
  ASSERT_EQ(given.size(), 5u);
  EXPECT_EQ(given["gap"], w.gap);
  EXPECT_EQ(given["shortfall"], w.shortfall);
  EXPECT_EQ(given["need"], w.need);
  EXPECT_EQ(given["unreached"], w.unreached);
  EXPECT_EQ(given["low_low"], w.low_low);
}

// The outreach list's first areas, as the summary, the maps and the outreach pack all take
// them: rank order, ranks 1 to n only, areas without a rank (not analysed) left out.
TEST(Priority, FirstByPriorityTakesRanksOneToNInOrder) {
  Table t;
  t.columns = {{"area_id", ColumnKind::kText}, {"priority_rank", ColumnKind::kRank}};
  for (const auto& [id, rank] : std::vector<std::pair<const char*, Cell>>{{"A", std::int64_t(3)},
                                                                          {"B", Cell{}},
                                                                          {"C", std::int64_t(1)},
                                                                          {"D", std::int64_t(4)},
                                                                          {"E", std::int64_t(2)}})
    t.rows.push_back({std::string(id), rank});
  const auto first = first_by_priority(t, 3);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0], (std::pair<long, std::size_t>{1, 2}));
  EXPECT_EQ(first[1], (std::pair<long, std::size_t>{2, 4}));
  EXPECT_EQ(first[2], (std::pair<long, std::size_t>{3, 0}));
  EXPECT_TRUE(first_by_priority(t, 0).empty());
  EXPECT_EQ(first_by_priority(t, 10).size(), 4u);
  // The report reads the ranks back from the public CSV: the same answer from them.
  const std::vector<std::optional<double>> ranks = {3, std::nullopt, 1, 4, 2};
  EXPECT_EQ(first_by_priority(ranks, 3), first);
}
