// What a map says: where higher is better (reach) the strongest colour marks the lowest values
// and the legend says so; cluster classes in plain words; legend counts match the fills.
#include "engine/render/map_composition.hpp"

#include <gtest/gtest.h>

#include "engine/render/funnel_plot.hpp"
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
  MapSpec m;
  m.indicator = Indicator(indicator);
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

// The funnel plot names its outliers: outside 99.8% first (below before above), then below
// 95%, lowest reach first; areas within the limits are not named.
TEST(FunnelPlot, OutliersAreNamedWorstFirst) {
  FunnelPlot plot;
  plot.points = {{50, 0.30, "within", "Mid"},        {80, 0.10, "below 99.8%", "Low B"},
                 {60, 0.05, "below 99.8%", "Low A"}, {40, 0.60, "above 99.8%", "High"},
                 {30, 0.15, "below 95%", "Near"},    {30, 0.45, "above 95%", "Above near"}};
  const auto named = funnel_labelled(plot);
  std::vector<std::string> names;
  for (std::size_t i : named) names.push_back(plot.points[i].name);
  EXPECT_EQ(names, (std::vector<std::string>{"Low A", "Low B", "High", "Near"}));
  EXPECT_EQ(funnel_labelled(plot, 2).size(), 2u);
}
