// What a map says: where higher is better (reach) the strongest colour marks the lowest values
// and the legend says so; cluster classes in plain words; legend counts match the fills.
#include "engine/render/map_composition.hpp"

#include <gtest/gtest.h>

#include "engine/render/map_renderer.hpp"
#include "engine/render/palette.hpp"

using namespace reachmap;

namespace {
Table rates(const std::string& name, const std::vector<double>& values) {
  Table t;
  t.columns = {{"area_id", ColumnKind::kText},
               {name, ColumnKind::kStatistic},
               {"lisa_cluster", ColumnKind::kText},
               {"suppressed", ColumnKind::kFlag}};
  const char* lisa[] = {"low-low", "high-high", "not significant"};
  for (std::size_t i = 0; i < values.size(); ++i)
    t.rows.push_back({Cell(std::string("A") + std::to_string(i)), Cell(values[i]),
                      Cell(std::string(lisa[i % 3])), Cell(false)});
  return t;
}

MapData compose(const Table& t, const std::string& indicator) {
  MapData map;
  map.areas.resize(t.rows.size());
  MapSection m;
  m.indicator = indicator;
  m.layer = "area";
  m.count = 3;
  compose_map(map, t, m, {"2025-04-01 to 2026-03-31", "", ""});
  return map;
}
}  // namespace

TEST(MapComposition, LowReachGetsTheStrongestColour) {
  const std::vector<double> v = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
  const MapData reach = compose(rates("seen_reach", v), "seen_reach");
  const auto palette = brewer_palette("YlGnBu", 3);
  ASSERT_EQ(reach.colours.size(), 3u);
  EXPECT_EQ(reach.colours.front().to_hex(), palette.back().to_hex());  // lowest: darkest
  EXPECT_NE(reach.legend_title.find("darkest: lowest, outreach first"), std::string::npos);
  // Where higher is worse (the outreach priority) the palette runs as it is.
  const MapData priority = compose(rates("priority_score", v), "priority_score");
  EXPECT_EQ(priority.colours.front().to_hex(), palette.front().to_hex());
  EXPECT_EQ(priority.legend_title.find("darkest"), std::string::npos);
}

TEST(MapComposition, ClustersAreInPlainWordsAndLegendCountsAddUp) {
  const MapData lisa = compose(rates("seen_reach", {0.1, 0.2, 0.3}), "lisa_cluster");
  EXPECT_EQ(lisa.categories[0].legend_text(), "low reach, neighbours low too (low-low)");
  EXPECT_EQ(lisa.areas[0].category, 0);
  const MapData reach = compose(rates("seen_reach", {0, 0.1, 0.2, 0.3, 0.4, 0.5}), "seen_reach");
  std::size_t total = 0;
  for (const auto& [label, n] : legend_counts(reach)) total += n;
  EXPECT_EQ(total, 6u);
  EXPECT_EQ(legend_counts(reach)[2], (std::pair<std::string, std::size_t>{"0% (none)", 1}));
}
